/**
 * SEPA credit-transfer files (ISO 20022 pain.001): a streaming writer, splitting into files, and validation against
 * the EPC schemas shipped in {@code /sepa/*.xsd}. Private to the appreciation module.
 */
package nl.mantelkring.appreciation.internal.sepa;

/**
 * Caregiver registration (mantelzorgregistratie): what other modules and vendor plugins may use.
 * <ul>
 * <li>{@link nl.mantelkring.registration.RegistrationEvents}: OSGi event topics (registered, changed, relation
 * ended, erased). Modules holding data about caregivers subscribe to {@code ERASED} and erase their own rows.</li>
 * <li>{@link nl.mantelkring.registration.CaregiverDirectory}: read access to registered caregivers and their care
 * relations (provided by this module).</li>
 * <li>{@link nl.mantelkring.registration.Payee}: name and IBAN for a payment (1.1).</li>
 * <li>{@link nl.mantelkring.registration.CaregiverRegistration}: registration on behalf of another module, also for
 * a citizen signed in at the loket (1.2).</li>
 * <li>{@link nl.mantelkring.registration.PersonVerifier}: SPI, a municipality's check of a person against its BRP
 * gateway.</li>
 * <li>{@link nl.mantelkring.registration.PersonalDataSection}: SPI, a module's part of the right-of-access
 * export.</li>
 * </ul>
 */
@Export
@Version("1.3.0")
package nl.mantelkring.registration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

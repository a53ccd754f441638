package nl.mantelkring.registration.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Node settings of the registration module ({@code etc/nl.mantelkring.registration.cfg}). The keys are secrets:
 * never in the database, the same on every node, protected like the database password (Karaf's jasypt
 * {@code ENC(...)} values work here). Without them the module does not start.
 */
@ObjectClassDefinition(name = "Mantelkring mantelzorgregistratie",
        description = "Sleutels voor versleuteling van BSN en IBAN, en het tijdstip van de bewaartermijncontrole.")
@interface RegistrationConfig {

    @AttributeDefinition(description = "AES-256 key (32 bytes, Base64) that encrypts BSN and IBAN at rest.")
    String encryptionKey();

    @AttributeDefinition(description = "Id of encryptionKey, stored with each value; change it when rotating.")
    String encryptionKeyId() default "1";

    @AttributeDefinition(description = "Earlier keys still needed to read old values: id:base64,id:base64")
    String previousEncryptionKeys() default "";

    @AttributeDefinition(description = "HMAC-SHA-256 key (at least 32 bytes, Base64) for BSN lookups. Changing it "
            + "makes existing BSNs unfindable: never rotate it without re-hashing.")
    String lookupKey();

    @AttributeDefinition(description = "Local time (HH:mm) of the daily retention run.")
    String retentionTime() default "02:30";

    @AttributeDefinition(description = "Whether this node runs the daily retention job (all nodes may; it is idempotent).")
    boolean retentionEnabled() default true;
}

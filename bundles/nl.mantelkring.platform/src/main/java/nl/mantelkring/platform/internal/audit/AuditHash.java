package nl.mantelkring.platform.internal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import nl.mantelkring.platform.api.audit.AuditEntry;

/**
 * The hash of an audit entry: SHA-256 over the previous hash and every field, each length-prefixed so that no two
 * different entries share an encoding.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    static String of(String chain, long seq, Instant occurredAt, AuditEntry e, String prevHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        Object[] fields = {prevHash, chain, seq, occurredAt.toEpochMilli(), e.tenant(), e.actor(), e.actorRoles(),
            e.activity(), e.recordType(), e.recordId(), e.subjectId(), e.purpose(), e.personalData(),
            e.correlationId(), e.outcome()};
        for (Object f : fields) {
            if (f == null) {
                sha.update((byte) 0);
            } else {
                byte[] b = f.toString().getBytes(StandardCharsets.UTF_8);
                sha.update((byte) 1);
                sha.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(b);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private AuditHash() {
    }
}

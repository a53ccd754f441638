package nl.mantelkring.appreciation.internal.sepa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Generated test transfers, streamed (never a list): amount of transfer i is 1.00 + (i mod 500) cents-step euros. */
final class SepaTestData {

    static final Debtor DEBTOR = new Debtor("Gemeente Zaanstad", "NL91ABNA0417164300", "ABNANL2A");
    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 23, 18, 0, 0, 0, ZoneOffset.ofHours(1));
    static final LocalDate EXECUTION = LocalDate.of(2026, 12, 1);

    private SepaTestData() {
    }

    /** A valid Dutch IBAN for bank code {@code bank} and a 10-digit account number, with computed check digits. */
    static String iban(String bank, long account) {
        String bban = bank + String.format("%010d", account);
        StringBuilder digits = new StringBuilder();
        for (char c : (bban + "NL00").toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return "NL" + String.format("%02d", check) + bban;
    }

    static BigDecimal amount(long i) {
        return BigDecimal.valueOf(100 + (i % 500) * 37, 2); // 1.00 .. 185.63
    }

    static Transfer transfer(long i) {
        return new Transfer("MKW-2026-" + i, amount(i), "Mantelzorger " + i, iban("RABO", 1000000 + i),
                i % 2 == 0 ? "RABONL2U" : null, "Mantelzorgwaardering 2026 toekenning " + i);
    }

    static BigDecimal sum(long n) {
        BigDecimal s = BigDecimal.ZERO;
        for (long i = 1; i <= n; i++) {
            s = s.add(amount(i));
        }
        return s;
    }

    static SepaHeader header(String messageId, long n) {
        return new SepaHeader(messageId, CREATED, EXECUTION, DEBTOR, n, sum(n));
    }

    /** Transfers 1..n, generated on demand. */
    static Iterator<Transfer> transfers(long n) {
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Transfer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return transfer(++i);
            }
        };
    }
}

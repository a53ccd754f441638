package nl.mantelkring.appreciation.internal.sepa;

import static nl.mantelkring.appreciation.internal.sepa.SepaTestData.header;
import static nl.mantelkring.appreciation.internal.sepa.SepaTestData.sum;
import static nl.mantelkring.appreciation.internal.sepa.SepaTestData.transfers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SepaWriterTest {

    @TempDir
    Path dir;

    private static byte[] write(SepaFormat format, SepaHeader header, Iterator<Transfer> transfers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SepaWriter(format).write(out, header, transfers);
        return out.toByteArray();
    }

    private static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Document d, String path) {
        String[] parts = path.split("/");
        Element e = d.getDocumentElement();
        for (String p : parts) {
            e = (Element) e.getElementsByTagNameNS("*", p).item(0);
        }
        return e.getTextContent().strip();
    }

    @ParameterizedTest
    @EnumSource(SepaFormat.class)
    void bothFormatsValidateAgainstTheirSchema(SepaFormat format) throws Exception {
        byte[] xml = write(format, header("RUN-2026-1", 7), transfers(7));
        assertEquals(List.of(), SepaValidator.validate(new ByteArrayInputStream(xml), format));
        Document d = dom(xml);
        assertEquals(format.namespace(), d.getDocumentElement().getNamespaceURI());
        // the same document is not valid under the other version's schema
        SepaFormat other = format == SepaFormat.PAIN_001_001_09 ? SepaFormat.PAIN_001_001_03 : SepaFormat.PAIN_001_001_09;
        assertFalse(SepaValidator.validate(new ByteArrayInputStream(xml), other).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SepaFormat.class)
    void headerTotalsMatchTheTransactionsParsedBack(SepaFormat format) throws Exception {
        byte[] xml = write(format, header("RUN-2026-2", 1234), transfers(1234));
        Document d = dom(xml);
        NodeList amounts = d.getElementsByTagNameNS(format.namespace(), "InstdAmt");
        assertEquals(1234, amounts.getLength());
        BigDecimal parsed = BigDecimal.ZERO;
        for (int i = 0; i < amounts.getLength(); i++) {
            Element a = (Element) amounts.item(i);
            assertEquals("EUR", a.getAttribute("Ccy"));
            assertTrue(a.getTextContent().matches("[0-9]+\\.[0-9]{2}"), a.getTextContent());
            parsed = parsed.add(new BigDecimal(a.getTextContent()));
        }
        assertEquals(sum(1234), parsed);
        assertEquals("1234", text(d, "GrpHdr/NbOfTxs"));
        assertEquals(parsed.toPlainString(), text(d, "GrpHdr/CtrlSum"));
        assertEquals("1234", text(d, "PmtInf/NbOfTxs"));
        assertEquals(parsed.toPlainString(), text(d, "PmtInf/CtrlSum"));
        assertEquals("TRF", text(d, "PmtInf/PmtMtd"));
        assertEquals("SEPA", text(d, "PmtInf/PmtTpInf/SvcLvl/Cd"));
        assertEquals("SLEV", text(d, "PmtInf/ChrgBr"));
        assertEquals(1, d.getElementsByTagNameNS("*", "PmtInf").getLength());
        assertEquals("2026-11-23T18:00:00+01:00", text(d, "GrpHdr/CreDtTm"));
        assertEquals("2026-12-01", text(d, "PmtInf/ReqdExctnDt"));
        SepaVerifier.Verification v = SepaVerifier.verify(new ByteArrayInputStream(xml), id -> { });
        assertTrue(v.consistent(), v.problems().toString());
        assertEquals(format, v.format());
        assertEquals(1234, v.count());
        assertEquals(sum(1234), v.sum());
    }

    @Test
    void transferFieldsAreWrittenAndOptionalBicsHandled() throws Exception {
        Debtor noBic = new Debtor("Gemeente Súdwest-Fryslân", "NL91ABNA0417164300");
        Transfer t = new Transfer("MKW-9", new BigDecimal("150"), "Anaïs d’Hondt", "NL91ABNA0417164300", null,
                "Mantelzorgwaardering 2026");
        SepaHeader h = new SepaHeader("RUN-3", SepaTestData.CREATED, SepaTestData.EXECUTION, noBic, 1,
                new BigDecimal("150"));
        for (SepaFormat format : SepaFormat.values()) {
            byte[] xml = write(format, h, List.of(t).iterator());
            assertEquals(List.of(), SepaValidator.validate(new ByteArrayInputStream(xml), format));
            Document d = dom(xml);
            assertEquals("Gemeente Sudwest-Fryslan", text(d, "PmtInf/Dbtr/Nm"));
            assertEquals("NOTPROVIDED", text(d, "PmtInf/DbtrAgt/FinInstnId/Othr/Id"));
            assertEquals(0, d.getElementsByTagNameNS("*", "CdtrAgt").getLength());
            assertEquals("Anais d'Hondt", text(d, "CdtTrfTxInf/Cdtr/Nm"));
            assertEquals("150.00", text(d, "CdtTrfTxInf/Amt/InstdAmt"));
            assertEquals("MKW-9", text(d, "CdtTrfTxInf/PmtId/EndToEndId"));
            assertEquals("Mantelzorgwaardering 2026", text(d, "CdtTrfTxInf/RmtInf/Ustrd"));
        }
        byte[] xml09 = write(SepaFormat.PAIN_001_001_09, header("RUN-4", 2), transfers(2));
        Document d = dom(xml09);
        assertEquals("ABNANL2A", text(d, "PmtInf/DbtrAgt/FinInstnId/BICFI"));
        NodeList agents = d.getElementsByTagNameNS(SepaFormat.PAIN_001_001_09.namespace(), "CdtrAgt");
        assertEquals(1, agents.getLength()); // only transfer 2 has a BIC
        assertEquals("RABONL2U", agents.item(0).getTextContent().strip());
        byte[] xml03 = write(SepaFormat.PAIN_001_001_03, header("RUN-4", 2), transfers(2));
        assertEquals("ABNANL2A", text(dom(xml03), "PmtInf/DbtrAgt/FinInstnId/BIC"));
    }

    @Test
    void fewerTransfersThanDeclaredAreRefused() {
        SepaException e = assertThrows(SepaException.class,
                () -> write(SepaFormat.DEFAULT, header("RUN-5", 10), transfers(9)));
        assertEquals("SEPA file RUN-5 refused: 9 transactions totalling " + sum(9) + " were streamed, 10 totalling "
                + sum(10) + " were declared", e.getMessage());
    }

    @Test
    void moreTransfersThanDeclaredAreRefusedAtOnce() {
        SepaHeader h = new SepaHeader("RUN-6", SepaTestData.CREATED, SepaTestData.EXECUTION, SepaTestData.DEBTOR, 3,
                sum(1000));
        SepaException e = assertThrows(SepaException.class, () -> write(SepaFormat.DEFAULT, h, transfers(1000)));
        assertEquals("SEPA file RUN-6 refused: more than the declared 3 transactions", e.getMessage());
    }

    @Test
    void aWrongControlSumIsRefused() {
        SepaHeader h = new SepaHeader("RUN-7", SepaTestData.CREATED, SepaTestData.EXECUTION, SepaTestData.DEBTOR, 10,
                sum(10).add(new BigDecimal("0.01")));
        assertThrows(SepaException.class, () -> write(SepaFormat.DEFAULT, h, transfers(10)));
        SepaHeader low = new SepaHeader("RUN-8", SepaTestData.CREATED, SepaTestData.EXECUTION, SepaTestData.DEBTOR, 10,
                sum(10).subtract(new BigDecimal("0.01")));
        SepaException e = assertThrows(SepaException.class, () -> write(SepaFormat.DEFAULT, low, transfers(10)));
        assertTrue(e.getMessage().contains("exceed the declared control sum"), e.getMessage());
    }

    @Test
    void aRefusedFileIsNeverReleasedOnDisk() throws IOException {
        assertThrows(SepaException.class,
                () -> SepaFiles.writeFile(dir, SepaFormat.DEFAULT, header("RUN-9", 5), transfers(4)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
        SepaFile f = SepaFiles.writeFile(dir, SepaFormat.DEFAULT, header("RUN-10", 5), transfers(5));
        assertEquals(dir.resolve("RUN-10.xml"), f.path());
        assertEquals(5, f.count());
        assertEquals(sum(5), f.controlSum());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f.path()), files.toList());
        }
        // an existing file is never overwritten
        assertThrows(IOException.class,
                () -> SepaFiles.writeFile(dir, SepaFormat.DEFAULT, header("RUN-10", 5), transfers(5)));
    }

    @Test
    void invalidAmountsNeverReachAFile() {
        for (String amount : new String[] {"0", "-10.00", "12.345"}) {
            assertThrows(IllegalArgumentException.class, () -> new Transfer("MKW-1", new BigDecimal(amount), "A",
                    "NL91ABNA0417164300", null, null), amount);
        }
    }

    @Test
    void splitsIntoCompleteValidFiles() throws IOException {
        List<SepaFile> files = SepaFiles.writeSplit(dir, SepaFormat.DEFAULT, header("RUN-2026-11", 2501),
                transfers(2501), 1000);
        assertEquals(3, files.size());
        assertEquals(List.of("RUN-2026-11-001", "RUN-2026-11-002", "RUN-2026-11-003"),
                files.stream().map(SepaFile::messageId).toList());
        assertEquals(List.of(1000L, 1000L, 501L), files.stream().map(SepaFile::count).toList());
        assertEquals(sum(2501), files.stream().map(SepaFile::controlSum).reduce(BigDecimal.ZERO, BigDecimal::add));
        List<String> ids = new ArrayList<>();
        for (SepaFile f : files) {
            assertEquals(dir.resolve(f.messageId() + ".xml"), f.path());
            assertEquals(List.of(), SepaValidator.validate(f.path(), SepaFormat.DEFAULT));
            SepaVerifier.Verification v = SepaVerifier.verify(f.path(), ids::add);
            assertTrue(v.consistent(), v.problems().toString());
            assertEquals(f.messageId(), v.messageId());
            assertEquals(f.count(), v.declaredCount());
            assertEquals(f.controlSum(), v.declaredSum());
        }
        assertEquals(2501, ids.size());
        assertEquals("MKW-2026-1", ids.get(0));
        assertEquals("MKW-2026-1001", ids.get(1000));
        assertEquals("MKW-2026-2501", ids.get(2500));
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(3, all.count()); // no temporary files left
        }
    }

    @Test
    void splitOfTheLegacyFormatValidatesToo() throws IOException {
        List<SepaFile> files = SepaFiles.writeSplit(dir, SepaFormat.PAIN_001_001_03, header("LEGACY", 5),
                transfers(5), 2);
        assertEquals(List.of(2L, 2L, 1L), files.stream().map(SepaFile::count).toList());
        for (SepaFile f : files) {
            assertEquals(List.of(), SepaValidator.validate(f.path(), SepaFormat.PAIN_001_001_03));
        }
    }

    @Test
    void aSplitRunThatDoesNotMatchItsTotalsReleasesNothing() throws IOException {
        assertThrows(SepaException.class,
                () -> SepaFiles.writeSplit(dir, SepaFormat.DEFAULT, header("RUN-12", 2501), transfers(2500), 1000));
        assertThrows(SepaException.class,
                () -> SepaFiles.writeSplit(dir, SepaFormat.DEFAULT, header("RUN-13", 20), transfers(21), 10));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> SepaFiles.writeSplit(dir, SepaFormat.DEFAULT,
                header("A-BASE-THAT-IS-32-CHARACTERS-LONG", 10), transfers(10), 5));
    }

    @Test
    void tamperedFilesFailVerificationOrValidation() throws IOException {
        SepaFile f = SepaFiles.writeFile(dir, SepaFormat.DEFAULT, header("RUN-14", 3), transfers(3));
        String xml = Files.readString(f.path());
        String sum = sum(3).toPlainString();

        // a wrong control sum is schema-valid, but does not add up
        Path wrongSum = dir.resolve("wrong-sum.xml");
        Files.writeString(wrongSum, xml.replaceFirst("<CtrlSum>" + sum + "</CtrlSum>", "<CtrlSum>999.99</CtrlSum>"));
        assertEquals(List.of(), SepaValidator.validate(wrongSum, SepaFormat.DEFAULT));
        SepaVerifier.Verification v = SepaVerifier.verify(wrongSum);
        assertFalse(v.consistent());
        assertEquals(new BigDecimal("999.99"), v.declaredSum());
        assertEquals(sum(3), v.sum());

        // an amount edited: the sums no longer match
        Path wrongAmount = dir.resolve("wrong-amount.xml");
        Files.writeString(wrongAmount, xml.replaceFirst("Ccy=\"EUR\">1.37<", "Ccy=\"EUR\">100.37<"));
        assertFalse(SepaVerifier.verify(wrongAmount).consistent());

        // a transaction removed: the counts no longer match
        Path removed = dir.resolve("removed.xml");
        Files.writeString(removed, xml.replaceFirst("(?s)<CdtTrfTxInf>.*?</CdtTrfTxInf>", ""));
        assertFalse(SepaVerifier.verify(removed).consistent());

        // three decimals, another currency, a missing element: the schema says no, with a line number
        Path badAmount = dir.resolve("bad-amount.xml");
        Files.writeString(badAmount, xml.replaceFirst("Ccy=\"EUR\">1.37<", "Ccy=\"EUR\">1.375<"));
        List<SepaProblem> problems = SepaValidator.validate(badAmount, SepaFormat.DEFAULT);
        assertFalse(problems.isEmpty());
        int line = lineOf(xml, "Ccy=\"EUR\">1.37<");
        assertTrue(problems.stream().anyMatch(p -> p.line() == line), problems + " expected line " + line);
        SepaException e = assertThrows(SepaException.class,
                () -> SepaValidator.requireValid(badAmount, SepaFormat.DEFAULT));
        assertFalse(e.problems().isEmpty());

        Path noMsgId = dir.resolve("no-msgid.xml");
        Files.writeString(noMsgId, xml.replaceFirst("<MsgId>RUN-14</MsgId>", ""));
        assertFalse(SepaValidator.validate(noMsgId, SepaFormat.DEFAULT).isEmpty());

        // truncated (a crash mid-write): neither well-formed nor consistent
        Path truncated = dir.resolve("truncated.xml");
        Files.writeString(truncated, xml.substring(0, xml.length() / 2));
        assertFalse(SepaVerifier.verify(truncated).consistent());
        assertFalse(SepaValidator.validate(truncated, SepaFormat.DEFAULT).isEmpty());
    }

    @Test
    void documentsWithADoctypeAreRefused() throws IOException {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"" + SepaFormat.DEFAULT.namespace() + "\">&x;</Document>";
        List<SepaProblem> problems = SepaValidator.validate(
                new ByteArrayInputStream(evil.getBytes(StandardCharsets.UTF_8)), SepaFormat.DEFAULT);
        assertFalse(problems.isEmpty());
        assertFalse(problems.toString().contains("root:"), problems.toString());
        assertFalse(SepaVerifier.verify(new ByteArrayInputStream(evil.getBytes(StandardCharsets.UTF_8)), id -> { })
                .consistent());
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}

package org.schsm.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML format CI servers read: one {@code <testsuite>} per suite and card, one
 * {@code <testcase>} per case (classname = suite, name = case). A failure's message is the one
 * line the runner produced (command with PIN data {@code **}, expected, actual with meanings);
 * its body and {@code <system-out>} carry the reference, description, notes, the APDU transcript
 * and, in differential mode, where the cards' answers differ.
 */
public final class JUnitXmlReport {
    /** Transcript lines kept per case; a long loop is cut with a count of what was left out. */
    static final int MAX_TRANSCRIPT_EXCHANGES = 200;

    private JUnitXmlReport() {
    }

    public static void write(Path file, List<RunResult> runs, DifferentialReport differences) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                write(out, runs, differences);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(OutputStream out, List<RunResult> runs, DifferentialReport differences) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            long tests = 0;
            long failures = 0;
            long errors = 0;
            long skipped = 0;
            long nanos = 0;
            for (RunResult run : runs) {
                tests += run.cases().size();
                failures += run.count(CaseResult.Status.FAILED);
                errors += run.count(CaseResult.Status.ERROR);
                skipped += run.skipped();
                nanos += run.cases().stream().mapToLong(CaseResult::nanos).sum();
            }
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "schsm conformance");
            w.writeAttribute("tests", Long.toString(tests));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeAttribute("errors", Long.toString(errors));
            w.writeAttribute("skipped", Long.toString(skipped));
            w.writeAttribute("time", seconds(nanos));
            w.writeCharacters("\n");
            String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            for (RunResult run : runs) {
                for (Map.Entry<String, List<CaseResult>> suite : bySuite(run).entrySet()) {
                    writeSuite(w, run, suite.getKey(), suite.getValue(), differences, timestamp, runs.size() > 1);
                }
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException("cannot write the JUnit report: " + e.getMessage(), e));
        }
    }

    private static Map<String, List<CaseResult>> bySuite(RunResult run) {
        Map<String, List<CaseResult>> out = new LinkedHashMap<>();
        for (CaseResult c : run.cases()) {
            out.computeIfAbsent(c.suite(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private static void writeSuite(XMLStreamWriter w, RunResult run, String suite, List<CaseResult> cases,
                                   DifferentialReport differences, String timestamp, boolean severalCards)
            throws XMLStreamException {
        w.writeCharacters("  ");
        w.writeStartElement("testsuite");
        // Several cards: the card goes into the suite's name so each <testsuite> stays unique.
        w.writeAttribute("name", severalCards ? suite + " @ " + run.card() : suite);
        w.writeAttribute("tests", Integer.toString(cases.size()));
        w.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.status() == CaseResult.Status.FAILED).count()));
        w.writeAttribute("errors", Long.toString(cases.stream().filter(c -> c.status() == CaseResult.Status.ERROR).count()));
        w.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.status() == CaseResult.Status.SKIPPED).count()));
        w.writeAttribute("time", seconds(cases.stream().mapToLong(CaseResult::nanos).sum()));
        w.writeAttribute("timestamp", timestamp);
        w.writeAttribute("hostname", run.card());
        w.writeCharacters("\n    ");
        w.writeStartElement("properties");
        property(w, "card", run.card());
        if (differences != null) {
            property(w, "differential.cards", String.join(" | ", differences.cards()));
            long differing = cases.stream().filter(c -> differences.find(c.suite(), c.name()) != null).count();
            property(w, "differential.differingCases", Long.toString(differing));
            for (CaseResult c : cases) {
                DifferentialReport.CaseDifference d = differences.find(c.suite(), c.name());
                if (d != null) {
                    property(w, "differs: " + c.name(), d.summary());
                }
            }
        }
        w.writeCharacters("\n    ");
        w.writeEndElement();
        for (CaseResult c : cases) {
            writeCase(w, c, differences);
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n      ");
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value);
    }

    private static void writeCase(XMLStreamWriter w, CaseResult c, DifferentialReport differences) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", c.suite());
        w.writeAttribute("name", c.name());
        w.writeAttribute("time", seconds(c.nanos()));
        String details = details(c, differences);
        switch (c.status()) {
            case FAILED -> {
                w.writeStartElement("failure");
                w.writeAttribute("message", c.message());
                w.writeAttribute("type", "conformance");
                w.writeCharacters(c.message() + "\n\n" + details);
                w.writeEndElement();
            }
            case ERROR -> {
                w.writeStartElement("error");
                w.writeAttribute("message", c.message());
                w.writeAttribute("type", "suite");
                w.writeCharacters(c.message());
                w.writeEndElement();
            }
            case SKIPPED -> {
                w.writeEmptyElement("skipped");
                w.writeAttribute("message", c.message());
            }
            case PASSED -> {
                // nothing to add but the transcript
            }
        }
        w.writeStartElement("system-out");
        w.writeCharacters(details);
        w.writeEndElement();
        w.writeEndElement();
    }

    /** Reference, description, notes, differences, transcript: what a reader of the report needs. */
    static String details(CaseResult c, DifferentialReport differences) {
        StringBuilder sb = new StringBuilder();
        if (!c.reference().isEmpty()) {
            sb.append("reference: ").append(c.reference()).append('\n');
        }
        if (!c.description().isEmpty()) {
            sb.append("description: ").append(c.description()).append('\n');
        }
        for (String note : c.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        DifferentialReport.CaseDifference d = differences == null ? null : differences.find(c.suite(), c.name());
        if (d != null) {
            sb.append("differential: ").append(d.summary()).append('\n');
            for (String line : d.detailLines()) {
                sb.append("  ").append(line).append('\n');
            }
        }
        List<Exchange> exchanges = c.exchanges();
        String phase = null;
        int shown = Math.min(exchanges.size(), MAX_TRANSCRIPT_EXCHANGES);
        for (int i = 0; i < shown; i++) {
            Exchange e = exchanges.get(i);
            if (!e.phase().equals(phase)) {
                phase = e.phase();
                sb.append("-- ").append(phase).append('\n');
            }
            sb.append(e.transcript()).append('\n');
        }
        if (exchanges.size() > shown) {
            sb.append("... ").append(exchanges.size() - shown).append(" more exchanges not shown\n");
        }
        return sb.toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}

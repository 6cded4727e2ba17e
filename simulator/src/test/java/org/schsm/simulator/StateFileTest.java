package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.simulator.applet.SmartCardHsmApplet;

class StateFileTest {
    @TempDir
    Path dir;

    private byte[] savedFreshCard() throws IOException {
        Path file = dir.resolve("fresh.schsm");
        SimulatedCard.create().save(file);
        return Files.readAllBytes(file);
    }

    private StateFileException loadFails(byte[] content) throws IOException {
        Path file = dir.resolve("bad.schsm");
        Files.write(file, content);
        return assertThrows(StateFileException.class, () -> SimulatedCard.load(file));
    }

    private static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] out = Arrays.copyOf(body, body.length + 4);
        ByteBuffer.wrap(out, body.length, 4).putInt((int) crc.getValue());
        return out;
    }

    @Test
    void headerIsMagicFormatAndLayoutVersion() throws IOException {
        byte[] file = savedFreshCard();
        assertEquals("SCHSMSIM", new String(file, 0, 8, StandardCharsets.US_ASCII));
        ByteBuffer header = ByteBuffer.wrap(file, 8, 6);
        assertEquals(1, header.getShort());
        assertEquals(SmartCardHsmApplet.STATE_LAYOUT_VERSION, header.getShort());
        assertEquals(3, header.getShort(), "sections nvm, fileData, keyData");
        assertEquals(3, file[14]);
        assertEquals("nvm", new String(file, 15, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void encodeDecodeRoundTrip() throws StateFileException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("nvm", new byte[] {1, 2, 3});
        sections.put("fileData", new byte[0]);
        StateFile.Content content = StateFile.decode(StateFile.encode(7, sections));
        assertEquals(7, content.layoutVersion());
        assertArrayEquals(new byte[] {1, 2, 3}, content.sections().get("nvm"));
        assertEquals(0, content.sections().get("fileData").length);
    }

    @Test
    void damagedFileIsRejectedByItsChecksum() throws IOException {
        byte[] file = savedFreshCard();
        file[40] ^= 0x01;
        assertTrue(loadFails(file).getMessage().contains("checksum"));
    }

    @Test
    void foreignFileIsRejectedByItsMagic() throws IOException {
        assertTrue(loadFails("hello, this is not a card".getBytes(StandardCharsets.US_ASCII))
                .getMessage().contains("magic"));
        assertTrue(loadFails(new byte[3]).getMessage().contains("magic"));
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        byte[] file = savedFreshCard();
        byte[] body = Arrays.copyOf(file, 100);
        loadFails(withCrc(body));
    }

    @Test
    void unknownFormatVersionIsRejected() throws IOException {
        byte[] file = savedFreshCard();
        byte[] body = Arrays.copyOf(file, file.length - 4);
        body[9] = 2;
        assertTrue(loadFails(withCrc(body)).getMessage().contains("format version 2"));
    }

    @Test
    void otherLayoutVersionIsRejected() throws IOException {
        byte[] file = savedFreshCard();
        byte[] body = Arrays.copyOf(file, file.length - 4);
        body[11] = 99;
        assertTrue(loadFails(withCrc(body)).getMessage().contains("layout version 99"));
    }

    @Test
    void sectionOfTheWrongSizeIsRejected() throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("nvm", new byte[95]);
        sections.put("fileData", new byte[10]);
        byte[] file = StateFile.encode(SmartCardHsmApplet.STATE_LAYOUT_VERSION, sections);
        assertTrue(loadFails(file).getMessage().contains("'nvm' has 95 bytes"));
    }

    @Test
    void missingSectionIsRejected() throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("nvm", new byte[96]);
        byte[] file = StateFile.encode(SmartCardHsmApplet.STATE_LAYOUT_VERSION, sections);
        assertTrue(loadFails(file).getMessage().contains("'fileData' is missing"));
    }

    @Test
    void impossibleSectionLengthIsRejected() throws IOException {
        byte[] file = savedFreshCard();
        byte[] body = Arrays.copyOf(file, file.length - 4);
        ByteBuffer.wrap(body, 18, 4).putInt(Integer.MAX_VALUE);
        assertTrue(loadFails(withCrc(body)).getMessage().contains("impossible length"));
    }
}

package org.schsm.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The persistent state of a simulated card on disk, format version 1 (all integers big-endian):
 *
 * <pre>
 * 8 bytes   magic "SCHSMSIM"
 * u16       format version (1)
 * u16       applet state layout version (SmartCardHsmApplet.STATE_LAYOUT_VERSION)
 * u16       number of sections
 * per section: u8 name length, name (ASCII), u32 length, bytes
 * u32       CRC-32 of every byte before it
 * </pre>
 *
 * Written atomically: a temporary file in the same directory, flushed to disk, then moved over
 * the target, so a crash leaves either the old or the new state, never a mix.
 */
final class StateFile {
    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "SCHSMSIM".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SECTION_BYTES = 1 << 20;

    private StateFile() {
    }

    record Content(int layoutVersion, Map<String, byte[]> sections) {
    }

    static byte[] encode(int layoutVersion, Map<String, byte[]> sections) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeShort(layoutVersion);
            out.writeShort(sections.size());
            for (Map.Entry<String, byte[]> section : sections.entrySet()) {
                byte[] name = section.getKey().getBytes(StandardCharsets.US_ASCII);
                out.writeByte(name.length);
                out.write(name);
                out.writeInt(section.getValue().length);
                out.write(section.getValue());
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static Content decode(byte[] file) throws StateFileException {
        if (file.length < MAGIC.length + 10 || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new StateFileException("not a schsm simulator state file (magic SCHSMSIM missing)");
        }
        int bodyLength = file.length - 4;
        CRC32 crc = new CRC32();
        crc.update(file, 0, bodyLength);
        if ((int) crc.getValue() != ByteBuffer.wrap(file, bodyLength, 4).getInt()) {
            throw new StateFileException("state file checksum mismatch: the file is damaged");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int format = in.readUnsignedShort();
            if (format != FORMAT_VERSION) {
                throw new StateFileException("state file format version " + format
                        + " is not supported (this build reads version " + FORMAT_VERSION + ")");
            }
            int layout = in.readUnsignedShort();
            int count = in.readUnsignedShort();
            Map<String, byte[]> sections = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                int length = in.readInt();
                if (length < 0 || length > MAX_SECTION_BYTES || length > in.available()) {
                    throw new StateFileException("state section '" + name + "' has an impossible length " + length);
                }
                sections.put(name, in.readNBytes(length));
            }
            if (in.available() != 0) {
                throw new StateFileException("state file has " + in.available() + " unexpected trailing bytes");
            }
            return new Content(layout, sections);
        } catch (EOFException e) {
            throw new StateFileException("state file is truncated");
        } catch (StateFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

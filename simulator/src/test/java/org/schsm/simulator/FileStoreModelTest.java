package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/**
 * Random writes, appends, overwrites and deletes through UPDATE BINARY / DELETE FILE, checked
 * against a plain map after every step: growing or deleting one file must never disturb another.
 */
class FileStoreModelTest {

    @Test
    void randomFileOperationsMatchAMap() {
        Random random = new Random(7L);
        TestCard card = TestCard.initialized();
        card.expect(TestCard.VERIFY_USER, 0x9000);
        Map<Integer, byte[]> model = new LinkedHashMap<>();
        for (int step = 0; step < 3000; step++) {
            int fid = 0xCF00 | random.nextInt(12);
            byte[] current = model.get(fid);
            int op = random.nextInt(10);
            if (op == 0 && current != null) {
                card.expect(String.format("00 E4 02 00 02 %04X", fid), 0x9000);
                model.remove(fid);
            } else {
                int size = current == null ? 0 : current.length;
                int offset = random.nextInt(size + 1);
                byte[] data = new byte[random.nextInt(op == 1 ? 240 : 40)];
                random.nextBytes(data);
                int sw = write(card, fid, offset, data);
                if (sw == 0x9000) {
                    byte[] next = Arrays.copyOf(current == null ? new byte[0] : current,
                            Math.max(size, offset + data.length));
                    System.arraycopy(data, 0, next, offset, data.length);
                    model.put(fid, next);
                } else {
                    assertEquals(0x6A84, sw);
                }
            }
            if (step % 50 == 0) {
                checkAll(card, model);
            }
        }
        checkAll(card, model);
    }

    private static int write(TestCard card, int fid, int offset, byte[] data) {
        String length = data.length < 128 ? String.format("%02X", data.length) : String.format("81 %02X", data.length);
        String body = String.format("54 02 %04X 53 %s %s", offset, length, Hex.encode(data));
        int lc = Hex.decode(body).length;
        return card.send(String.format("00 D7 %04X %02X %s", fid, lc, body)).sw();
    }

    private static void checkAll(TestCard card, Map<Integer, byte[]> model) {
        for (int i = 0; i < 12; i++) {
            int fid = 0xCF00 | i;
            ResponseApdu r = card.send(String.format("00 B1 %04X 00 00 04 54 02 00 00 00 00", fid));
            byte[] expected = model.get(fid);
            if (expected == null) {
                assertEquals(0x6A82, r.sw(), "file " + Integer.toHexString(fid) + " should be absent");
            } else {
                assertEquals(0x9000, r.sw());
                assertArrayEquals(expected, r.data(), "content of " + Integer.toHexString(fid));
            }
        }
        byte[] listed = card.expectData("80 58 00 00 00");
        assertEquals((model.size() + 2) * 2, listed.length, "the files, 2F02 and CC00");
    }
}

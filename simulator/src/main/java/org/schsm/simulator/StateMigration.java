package org.schsm.simulator;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings the sections of a state file written by an older applet layout to the current one, so
 * a card saved before an upgrade keeps its PINs, counters, DKEK and files.
 *
 * <p>Layout 1 (before keys) had two sections: {@code nvm} (96 bytes, the same meaning as today;
 * its byte 4 was reserved and zero, which today means "no random DKEK") and {@code fileData}, a
 * file store of 64 directory entries and a 16384-byte heap. Layout 2 keeps {@code nvm}, gives
 * the file store 200 entries in a 32767-byte array, and adds {@code keyData}. Both file stores
 * have the same shape (used heap bytes, directory of FID | heap offset | size, packed heap), so
 * the files are read out of the old one and packed into the new one in directory order.
 *
 * <p>A layout-1 card had no device key. When its EF.C_DevAut (2F02) is empty or missing, as
 * every layout-1 card made by {@code create()} was, the migrated card gets a device identity of
 * its own (device key and 2F02, as a card made today), so it can generate keys. A layout-1
 * card personalised with a certificate keeps it and stays without device key, exactly like a
 * card made today by {@code SimulatedCard.create(byte[])}.
 */
final class StateMigration {
    static final int LAYOUT_BEFORE_KEYS = 1;

    private static final int NVM_SIZE = 96;
    private static final int DIRECTORY_OFFSET = 2;
    private static final int ENTRY_SIZE = 6;
    private static final int LAYOUT1_FILES = 64;
    private static final int LAYOUT1_HEAP = 16384;
    private static final int LAYOUT1_STORE = DIRECTORY_OFFSET + LAYOUT1_FILES * ENTRY_SIZE + LAYOUT1_HEAP;
    private static final int FILES = 200;
    private static final int STORE_SIZE = 32767;
    private static final int EF_C_DEVAUT = 0x2F02;

    private StateMigration() {
    }

    /**
     * The layout-2 sections for the layout-1 sections {@code old}; {@code fresh} is a new card
     * whose device key and 2F02 are taken when the old card had no device certificate.
     */
    static Map<String, byte[]> fromLayout1(Map<String, byte[]> old, SimulatedCard fresh) throws StateFileException {
        byte[] nvm = section(old, "nvm", NVM_SIZE);
        byte[] oldFiles = section(old, "fileData", LAYOUT1_STORE);
        if (old.containsKey("keyData")) {
            throw new StateFileException("state file says layout 1 but has a 'keyData' section, which layout 1 never had");
        }
        Map<Integer, byte[]> files = readStore(oldFiles, LAYOUT1_FILES);
        Map<String, byte[]> freshSections = fresh.sections();
        byte[] keyData;
        byte[] certificate = files.get(EF_C_DEVAUT);
        if (certificate == null || certificate.length == 0) {
            files.put(EF_C_DEVAUT, readStore(freshSections.get("fileData"), FILES).get(EF_C_DEVAUT));
            keyData = freshSections.get("keyData");
        } else {
            keyData = new byte[STORE_SIZE];
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put("nvm", nvm.clone());
        sections.put("fileData", writeStore(files, FILES, STORE_SIZE));
        sections.put("keyData", keyData);
        return sections;
    }

    private static byte[] section(Map<String, byte[]> old, String name, int size) throws StateFileException {
        byte[] bytes = old.get(name);
        if (bytes == null || bytes.length != size) {
            throw new StateFileException("layout-1 state section '" + name + "' "
                    + (bytes == null ? "is missing" : "has " + bytes.length + " bytes, not " + size));
        }
        return bytes;
    }

    /** The files of a file store image, FID to content, in directory order. */
    static Map<Integer, byte[]> readStore(byte[] store, int maxFiles) throws StateFileException {
        ByteBuffer in = ByteBuffer.wrap(store);
        int heapOffset = DIRECTORY_OFFSET + maxFiles * ENTRY_SIZE;
        int used = Short.toUnsignedInt(in.getShort(0));
        if (used > store.length - heapOffset) {
            throw new StateFileException("file store claims " + used + " heap bytes, it has " + (store.length - heapOffset));
        }
        Map<Integer, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < maxFiles; i++) {
            int entry = DIRECTORY_OFFSET + i * ENTRY_SIZE;
            int fid = Short.toUnsignedInt(in.getShort(entry));
            if (fid == 0) {
                continue;
            }
            int offset = Short.toUnsignedInt(in.getShort(entry + 2));
            int size = Short.toUnsignedInt(in.getShort(entry + 4));
            if (offset + size > used) {
                throw new StateFileException(String.format("file %04X lies outside the used heap", fid));
            }
            byte[] content = new byte[size];
            System.arraycopy(store, heapOffset + offset, content, 0, size);
            files.put(fid, content);
        }
        return files;
    }

    /** A file store image of {@code storeSize} bytes with {@code files} packed in map order. */
    static byte[] writeStore(Map<Integer, byte[]> files, int maxFiles, int storeSize) throws StateFileException {
        if (files.size() > maxFiles) {
            throw new StateFileException(files.size() + " files do not fit a store of " + maxFiles);
        }
        byte[] store = new byte[storeSize];
        ByteBuffer out = ByteBuffer.wrap(store);
        int heapOffset = DIRECTORY_OFFSET + maxFiles * ENTRY_SIZE;
        int used = 0;
        int i = 0;
        for (Map.Entry<Integer, byte[]> file : files.entrySet()) {
            byte[] content = file.getValue();
            if (heapOffset + used + content.length > storeSize) {
                throw new StateFileException("the files do not fit the file store");
            }
            int entry = DIRECTORY_OFFSET + i++ * ENTRY_SIZE;
            out.putShort(entry, (short) (int) file.getKey());
            out.putShort(entry + 2, (short) used);
            out.putShort(entry + 4, (short) content.length);
            System.arraycopy(content, 0, store, heapOffset + used, content.length);
            used += content.length;
        }
        out.putShort(0, (short) used);
        return store;
    }
}

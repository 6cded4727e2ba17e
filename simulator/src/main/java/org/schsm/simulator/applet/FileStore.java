package org.schsm.simulator.applet;

import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * A small store of transparent EFs addressed by 2-byte FIDs, kept in one persistent array: a
 * directory of fixed entries followed by a packed data heap. Growing or deleting a file shifts
 * the data behind it, so the heap never fragments.
 *
 * <pre>
 * offset                 size
 *   0                      2   heap bytes in use, big-endian
 *   2           maxFiles x 6   directory entries: FID(2) | data offset in heap(2) | size(2);
 *                              FID 0000 marks a free entry
 *   2 + 6 x maxFiles   rest    data heap
 * </pre>
 *
 * The applet has two: the EFs ({@link #FILES} entries in {@code fileData}) and the key records
 * (see {@link KeyStore}, in {@code keyData}).
 *
 * Validation happens before any write; every mutation runs inside one transaction.
 */
final class FileStore {
    /** Directory entries of the EF store. */
    static final short FILES = 200;
    /** Size of each store's array: the largest a Java Card array index reaches. */
    static final short STORE_SIZE = 32767;
    private static final short ENTRY_SIZE = 6;
    private static final short DIR_OFFSET = 2;

    static final short NONE = -1;

    private final Nvm mem;
    private final byte[] store;
    private final short maxFiles;
    private final short heapOffset;
    private final short heapSize;

    FileStore(Nvm mem, byte[] store, short maxFiles) {
        this.mem = mem;
        this.store = store;
        this.maxFiles = maxFiles;
        heapOffset = (short) (DIR_OFFSET + maxFiles * ENTRY_SIZE);
        heapSize = (short) (store.length - heapOffset);
    }

    /** The writer every change goes through, for callers that join several changes in one update. */
    Nvm mem() {
        return mem;
    }

    /** The array that {@link #dataOffset} points into, for sending file content. */
    byte[] array() {
        return store;
    }

    /** Directory index of {@code fid}, or {@link #NONE}. */
    short find(short fid) {
        if (fid == 0) {
            return NONE;
        }
        for (short i = 0; i < maxFiles; i++) {
            if (fidAt(i) == fid) {
                return i;
            }
        }
        return NONE;
    }

    short fidAt(short entry) {
        return Util.getShort(store, entryOffset(entry));
    }

    short size(short entry) {
        return Util.getShort(store, (short) (entryOffset(entry) + 4));
    }

    /** Absolute offset of the file's first byte in {@link #array()}. */
    short dataOffset(short entry) {
        return (short) (heapOffset + Util.getShort(store, (short) (entryOffset(entry) + 2)));
    }

    /**
     * Writes {@code len} bytes at {@code offset} of file {@code fid}, creating the file when it
     * does not exist and growing it when the write reaches past its end. An offset past the end
     * answers 6B00; no room answers 6A84. Opens its own transaction.
     */
    void write(short fid, short offset, byte[] src, short srcOff, short len) {
        short entry = find(fid);
        short oldSize = entry == NONE ? 0 : size(entry);
        if (offset < 0 || offset > oldSize) {
            ISOException.throwIt(Sw.WRONG_P1P2);
        }
        short newSize = (short) (offset + len);
        if (newSize < 0) {
            ISOException.throwIt(Sw.NOT_ENOUGH_MEMORY);
        }
        short growth = newSize > oldSize ? (short) (newSize - oldSize) : 0;
        short free = entry == NONE ? freeEntry() : entry;
        if (free == NONE || growth > (short) (heapSize - used())) {
            ISOException.throwIt(Sw.NOT_ENOUGH_MEMORY);
        }
        mem.begin();
        if (entry == NONE) {
            entry = free;
            mem.storeShort(store, entryOffset(entry), fid);
            mem.storeShort(store, (short) (entryOffset(entry) + 2), used());
            mem.storeShort(store, (short) (entryOffset(entry) + 4), (short) 0);
        }
        if (growth > 0) {
            short end = (short) (Util.getShort(store, (short) (entryOffset(entry) + 2)) + oldSize);
            shiftTail(end, growth, entry);
            mem.storeShort(store, (short) (entryOffset(entry) + 4), newSize);
        }
        mem.copy(src, srcOff, store, (short) (dataOffset(entry) + offset), len);
        mem.commit();
    }

    /** Deletes one file. Opens its own transaction. */
    void delete(short entry) {
        mem.begin();
        remove(entry);
        mem.commit();
    }

    /** Deletes every file except {@code keepFid}. Call inside the caller's transaction. */
    void eraseAllExcept(short keepFid) {
        for (short i = 0; i < maxFiles; i++) {
            short fid = fidAt(i);
            if (fid != 0 && fid != keepFid) {
                remove(i);
            }
        }
    }

    /**
     * Writes the FIDs of all files whose high byte is in {@code prefixes} (every file when
     * {@code prefixes} is null) to {@code out} at {@code off}; returns the number of bytes
     * written (2 per file, at most 2 x maxFiles).
     */
    short listFids(byte[] prefixes, byte[] out, short off) {
        short pos = off;
        for (short i = 0; i < maxFiles; i++) {
            short fid = fidAt(i);
            if (fid != 0 && (prefixes == null || contains(prefixes, (byte) (fid >> 8)))) {
                pos = Util.setShort(out, pos, fid);
            }
        }
        return (short) (pos - off);
    }

    private static boolean contains(byte[] set, byte b) {
        for (short i = 0; i < set.length; i++) {
            if (set[i] == b) {
                return true;
            }
        }
        return false;
    }

    private void remove(short entry) {
        short start = Util.getShort(store, (short) (entryOffset(entry) + 2));
        short size = size(entry);
        mem.fill(store, entryOffset(entry), ENTRY_SIZE, (byte) 0);
        shiftTail((short) (start + size), (short) -size, entry);
    }

    /**
     * Moves the heap bytes from heap offset {@code from} to the end of the used area by
     * {@code delta} (positive: open a gap, negative: close one) and moves every other file that
     * starts at or after {@code from} with them ({@code self}, the file being grown or removed,
     * stays where it is).
     */
    private void shiftTail(short from, short delta, short self) {
        short used = used();
        short tail = (short) (used - from);
        if (delta != 0 && tail > 0) {
            mem.copy(store, (short) (heapOffset + from), store,
                    (short) (heapOffset + from + delta), tail);
        }
        for (short i = 0; i < maxFiles; i++) {
            short at = (short) (entryOffset(i) + 2);
            short start = Util.getShort(store, at);
            if (i != self && fidAt(i) != 0 && start >= from) {
                mem.storeShort(store, at, (short) (start + delta));
            }
        }
        short newUsed = (short) (used + delta);
        if (delta < 0) {
            mem.fill(store, (short) (heapOffset + newUsed), (short) -delta, (byte) 0);
        }
        mem.storeShort(store, (short) 0, newUsed);
    }

    private short used() {
        return Util.getShort(store, (short) 0);
    }

    private short freeEntry() {
        for (short i = 0; i < maxFiles; i++) {
            if (fidAt(i) == 0) {
                return i;
            }
        }
        return NONE;
    }

    private short entryOffset(short entry) {
        return (short) (DIR_OFFSET + entry * ENTRY_SIZE);
    }
}

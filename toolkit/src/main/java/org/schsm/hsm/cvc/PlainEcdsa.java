package org.schsm.hsm.cvc;

import java.math.BigInteger;

/**
 * ECDSA verification (SEC 1 section 4.1.4) over a prime curve given by its parameters, with plain
 * BigInteger arithmetic. Written here rather than taken from Bouncy Castle for one reason:
 * {@code schsm status} checks the device chain on every run, and the first class loaded from
 * Bouncy Castle's signed jar makes the JVM verify the jar's signature, which costs more than all
 * of the rest of that command (docs/keys.md §7). Checked against Bouncy Castle's
 * signatures in the tests.
 */
final class PlainEcdsa {
    private static final BigInteger TWO = BigInteger.valueOf(2);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;

    private PlainEcdsa(BigInteger p, BigInteger a, BigInteger b) {
        this.p = p;
        this.a = a;
        this.b = b;
    }

    /**
     * True when (r, s) is a valid signature of {@code hash} for public point {@code q} on the curve
     * y^2 = x^3 + ax + b over GF(p) with base point {@code g} of order {@code n}.
     */
    static boolean verify(BigInteger p, BigInteger a, BigInteger b, BigInteger[] g, BigInteger n, BigInteger[] q,
            byte[] hash, BigInteger r, BigInteger s) {
        PlainEcdsa curve = new PlainEcdsa(p, a, b);
        if (!curve.onCurve(g) || !curve.onCurve(q)) {
            return false;
        }
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, hash);
        int excess = hash.length * 8 - n.bitLength();
        if (excess > 0) {
            e = e.shiftRight(excess);
        }
        BigInteger w = s.modInverse(n);
        BigInteger u1 = e.multiply(w).mod(n);
        BigInteger u2 = r.multiply(w).mod(n);
        BigInteger[] x = curve.toAffine(curve.twoMultiples(u1, g, u2, q));
        return x != null && x[0].mod(n).equals(r);
    }

    private boolean onCurve(BigInteger[] point) {
        BigInteger x = point[0];
        BigInteger y = point[1];
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        return y.multiply(y).subtract(x.multiply(x).multiply(x)).subtract(a.multiply(x)).subtract(b).mod(p).signum() == 0;
    }

    /** k1*P1 + k2*P2 by Shamir's trick, in Jacobian coordinates {X, Y, Z}; null is the point at infinity. */
    private BigInteger[] twoMultiples(BigInteger k1, BigInteger[] p1, BigInteger k2, BigInteger[] p2) {
        BigInteger[] j1 = {p1[0], p1[1], BigInteger.ONE};
        BigInteger[] j2 = {p2[0], p2[1], BigInteger.ONE};
        BigInteger[] both = add(j1, j2);
        BigInteger[] acc = null;
        for (int i = Math.max(k1.bitLength(), k2.bitLength()) - 1; i >= 0; i--) {
            acc = twice(acc);
            boolean b1 = k1.testBit(i);
            boolean b2 = k2.testBit(i);
            if (b1 && b2) {
                acc = add(acc, both);
            } else if (b1) {
                acc = add(acc, j1);
            } else if (b2) {
                acc = add(acc, j2);
            }
        }
        return acc;
    }

    private BigInteger[] twice(BigInteger[] pt) {
        if (pt == null || pt[1].signum() == 0) {
            return null;
        }
        BigInteger x = pt[0];
        BigInteger y = pt[1];
        BigInteger z = pt[2];
        BigInteger y2 = y.multiply(y).mod(p);
        BigInteger s = x.multiply(y2).shiftLeft(2).mod(p);
        BigInteger z2 = z.multiply(z).mod(p);
        BigInteger m = x.multiply(x).multiply(THREE).add(a.multiply(z2.multiply(z2))).mod(p);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(y2.multiply(y2).shiftLeft(3)).mod(p);
        BigInteger z3 = y.multiply(z).shiftLeft(1).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    private BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
        if (p1 == null) {
            return p2;
        }
        if (p2 == null) {
            return p1;
        }
        BigInteger z1s = p1[2].multiply(p1[2]).mod(p);
        BigInteger z2s = p2[2].multiply(p2[2]).mod(p);
        BigInteger u1 = p1[0].multiply(z2s).mod(p);
        BigInteger u2 = p2[0].multiply(z1s).mod(p);
        BigInteger s1 = p1[1].multiply(z2s).multiply(p2[2]).mod(p);
        BigInteger s2 = p2[1].multiply(z1s).multiply(p1[2]).mod(p);
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(p1) : null;
        }
        BigInteger h = u2.subtract(u1).mod(p);
        BigInteger r = s2.subtract(s1).mod(p);
        BigInteger h2 = h.multiply(h).mod(p);
        BigInteger h3 = h2.multiply(h).mod(p);
        BigInteger u1h2 = u1.multiply(h2).mod(p);
        BigInteger x3 = r.multiply(r).subtract(h3).subtract(u1h2.multiply(TWO)).mod(p);
        BigInteger y3 = r.multiply(u1h2.subtract(x3)).subtract(s1.multiply(h3)).mod(p);
        BigInteger z3 = h.multiply(p1[2]).multiply(p2[2]).mod(p);
        return new BigInteger[] {x3, y3, z3};
    }

    private BigInteger[] toAffine(BigInteger[] pt) {
        if (pt == null || pt[2].signum() == 0) {
            return null;
        }
        BigInteger zi = pt[2].modInverse(p);
        BigInteger zi2 = zi.multiply(zi).mod(p);
        return new BigInteger[] {pt[0].multiply(zi2).mod(p), pt[1].multiply(zi2).multiply(zi).mod(p)};
    }
}

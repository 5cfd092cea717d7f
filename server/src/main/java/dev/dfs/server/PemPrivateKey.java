package dev.dfs.server;

import dev.dfs.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of {@code DFS_TLS_KEY} from a PEM file as {@code openssl} and {@code
 * certbot} write it: PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519), PKCS#1 ({@code BEGIN
 * RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}, named curves; a {@code BEGIN EC
 * PARAMETERS} block before it is skipped). Encrypted keys (PKCS#8 {@code BEGIN ENCRYPTED PRIVATE
 * KEY}, or a traditional block with {@code Proc-Type: 4,ENCRYPTED}) and anything else fail with a
 * {@link ConfigException} naming the setting and saying what is wrong. Stateless.
 */
final class PemPrivateKey {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final String DECRYPT_HINT =
      "the key is encrypted; DFS has no passphrase setting, decrypt it first"
          + " (openssl pkey -in KEY -out PLAIN.pem) and keep the plain file readable only by DFS";

  private PemPrivateKey() {}

  /** The key in {@code keyPem}; a ConfigException names DFS_TLS_KEY and the problem. */
  static PrivateKey read(Path keyPem) {
    String text;
    try {
      text = Files.readString(keyPem, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw error(keyPem, "cannot read it: " + e.getMessage());
    }
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      String body = m.group(2);
      if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type: 4,ENCRYPTED")) {
        throw error(keyPem, DECRYPT_HINT);
      }
      if (!type.equals("PRIVATE KEY")
          && !type.equals("RSA PRIVATE KEY")
          && !type.equals("EC PRIVATE KEY")) {
        continue;
      }
      try {
        return decode(type, Base64.getMimeDecoder().decode(body));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw error(keyPem, "the '" + type + "' block is not a valid key: " + e.getMessage());
      }
    }
    throw error(keyPem, "no 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' block found");
  }

  private static PrivateKey decode(String type, byte[] der) throws GeneralSecurityException {
    return switch (type) {
      case "RSA PRIVATE KEY" ->
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Der.wrapPkcs1(der)));
      case "EC PRIVATE KEY" ->
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Der.wrapSec1(der)));
      default -> pkcs8(der);
    };
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static ConfigException error(Path keyPem, String why) {
    return new ConfigException(
        "Invalid value for DFS_TLS_KEY: '"
            + keyPem
            + "' (expected an unencrypted PEM private key: "
            + why
            + ")");
  }

  /** Wraps PKCS#1 and SEC1 keys in the PKCS#8 PrivateKeyInfo structure Java reads. */
  static final class Der {
    /** AlgorithmIdentifier rsaEncryption, NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };

    /** OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {
      0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };

    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Der() {}

    static byte[] wrapPkcs1(byte[] pkcs1) {
      return tlv(0x30, concat(VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1)));
    }

    /**
     * SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1]
     * publicKey }: the curve OID comes from {@code [0]}, which PKCS#8 needs in the algorithm
     * identifier.
     *
     * @throws GeneralSecurityException when the structure is not that or names no curve
     */
    static byte[] wrapSec1(byte[] sec1) throws GeneralSecurityException {
      byte[] curve = null;
      int[] outer = header(sec1, 0);
      if ((sec1[0] & 0xff) != 0x30) throw new GeneralSecurityException("not a DER sequence");
      int at = outer[0];
      int end = Math.min(sec1.length, outer[0] + outer[1]);
      while (at < end) {
        int[] h = header(sec1, at);
        if ((sec1[at] & 0xff) == 0xa0) curve = Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
        at = h[0] + h[1];
      }
      if (curve == null || curve.length == 0 || curve[0] != 0x06) {
        throw new GeneralSecurityException(
            "the EC key names no curve (explicit parameters"
                + " are not supported; convert with openssl pkey -in KEY -out PKCS8.pem)");
      }
      byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY, curve));
      return tlv(0x30, concat(VERSION_0, algorithm, tlv(0x04, sec1)));
    }

    /** {content offset, content length} of the DER element at {@code at}. */
    private static int[] header(byte[] der, int at) throws GeneralSecurityException {
      if (at + 2 > der.length) throw new GeneralSecurityException("truncated DER");
      int first = der[at + 1] & 0xff;
      if (first < 0x80) return new int[] {at + 2, checked(der, at + 2, first)};
      int n = first & 0x7f;
      if (n == 0 || n > 3 || at + 2 + n > der.length) {
        throw new GeneralSecurityException("bad DER length");
      }
      int len = 0;
      for (int i = 0; i < n; i++) len = (len << 8) | (der[at + 2 + i] & 0xff);
      return new int[] {at + 2 + n, checked(der, at + 2 + n, len)};
    }

    private static int checked(byte[] der, int offset, int len) throws GeneralSecurityException {
      if (offset + len > der.length) throw new GeneralSecurityException("truncated DER");
      return len;
    }

    private static byte[] tlv(int tag, byte[] value) {
      byte[] len = length(value.length);
      byte[] out = new byte[1 + len.length + value.length];
      out[0] = (byte) tag;
      System.arraycopy(len, 0, out, 1, len.length);
      System.arraycopy(value, 0, out, 1 + len.length, value.length);
      return out;
    }

    private static byte[] length(int n) {
      if (n < 0x80) return new byte[] {(byte) n};
      if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
      if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) n += p.length;
      byte[] out = new byte[n];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}

package se.kth.aspen.vault;

/** Hex over bytes, both cases accepted on reading, lowercase on writing, as ansible-vault does. */
final class Hex {

  private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Hex() {}

  /** The value of a hex digit, or -1. */
  static int digit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /**
   * Decodes {@code [from, to)} of {@code text}.
   *
   * @param what names the part in an error, e.g. "the salt"
   */
  static byte[] decode(byte[] text, int from, int to, String subject, String what) throws MalformedVaultException {
    int length = to - from;
    if (length % 2 != 0) {
      throw new MalformedVaultException(
          subject + ": " + what + " has an odd number of hex digits (" + length + "); the file is truncated or edited");
    }
    byte[] out = new byte[length / 2];
    for (int i = 0; i < out.length; i++) {
      int high = digit(text[from + 2 * i]);
      int low = digit(text[from + 2 * i + 1]);
      if (high < 0 || low < 0) {
        throw new MalformedVaultException(subject + ": " + what + " holds a character that is not a hex digit");
      }
      out[i] = (byte) (high << 4 | low);
    }
    return out;
  }

  static byte[] encode(byte[] bytes) {
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return out;
  }
}

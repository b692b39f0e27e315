package se.kth.aspen.swarm.registry;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.List;

/**
 * Reads one HTTP/1.1 answer off a connection: the status line, the header fields and the body as
 * the answer frames it ({@code Content-Length}, {@code chunked}, or everything up to the close).
 * {@code HEAD} answers and {@code 204}/{@code 304} have no body whatever their headers say;
 * interim {@code 1xx} answers are skipped. Also says whether the connection can carry another
 * request afterwards.
 */
final class ResponseReader {

  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_FIELDS = 256;

  /** The answer and whether its connection may be reused. */
  record Read(RegistryResponse response, boolean reusable) {}

  private ResponseReader() {}

  static Read read(ResponseInput input, String method, long maxBodyBytes) throws IOException {
    while (true) {
      String statusLine = input.line(MAX_LINE);
      if (statusLine == null) {
        throw new EOFException("the connection was closed before an answer");
      }
      StatusLine status = StatusLine.parse(statusLine);
      ResponseHeaders headers = fields(input);
      if (status.code() >= 100 && status.code() < 200 && status.code() != 101) {
        continue;
      }
      boolean keepAlive = status.http11()
          ? !headers.lists("Connection", "close")
          : headers.lists("Connection", "keep-alive");
      if (status.code() < 200) {
        // 101: the server switched protocols, which was never asked for; nothing more is read.
        return new Read(new RegistryResponse(status.code(), headers, new byte[0]), false);
      }
      if (method.equals("HEAD") || status.code() == 204 || status.code() == 304) {
        return new Read(new RegistryResponse(status.code(), headers, new byte[0]), keepAlive);
      }
      CappedBody body = new CappedBody(maxBodyBytes);
      List<String> codings = headers.allValues("Transfer-Encoding");
      if (!codings.isEmpty()) {
        if (lastCodingIsChunked(codings)) {
          chunked(input, body);
          return new Read(new RegistryResponse(status.code(), headers, body.bytes()), keepAlive);
        }
        toClose(input, body);
        return new Read(new RegistryResponse(status.code(), headers, body.bytes()), false);
      }
      List<String> lengths = headers.allValues("Content-Length");
      if (!lengths.isEmpty()) {
        sized(input, body, contentLength(lengths));
        return new Read(new RegistryResponse(status.code(), headers, body.bytes()), keepAlive);
      }
      toClose(input, body);
      return new Read(new RegistryResponse(status.code(), headers, body.bytes()), false);
    }
  }

  private static ResponseHeaders fields(ResponseInput input) throws IOException {
    ResponseHeaders.Builder headers = new ResponseHeaders.Builder();
    for (int count = 0; ; count++) {
      String line = input.line(MAX_LINE);
      if (line == null) {
        throw new EOFException("the connection was closed in the middle of the header fields");
      }
      if (line.isEmpty()) {
        return headers.build();
      }
      if (count >= MAX_FIELDS) {
        throw new ProtocolException("the answer has more than " + MAX_FIELDS + " header fields");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(line.charAt(colon - 1))) {
        throw new ProtocolException("a header field of the answer is malformed: " + quoted(line));
      }
      headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
    }
  }

  private static boolean lastCodingIsChunked(List<String> codings) {
    String[] last = codings.getLast().split(",");
    return last[last.length - 1].strip().equalsIgnoreCase("chunked");
  }

  private static long contentLength(List<String> values) throws ProtocolException {
    long length = -1;
    for (String value : values) {
      for (String item : value.split(",")) {
        long parsed;
        try {
          parsed = Long.parseLong(item.strip());
        } catch (NumberFormatException e) {
          throw new ProtocolException("the answer's Content-Length is not a number: " + quoted(value));
        }
        if (parsed < 0 || (length >= 0 && parsed != length)) {
          throw new ProtocolException("the answer's Content-Length is not one length: " + quoted(String.join(", ", values)));
        }
        length = parsed;
      }
    }
    return length;
  }

  private static void sized(ResponseInput input, CappedBody body, long length) throws IOException {
    body.expect(length);
    long left = exactly(input, body, new byte[(int) Math.min(length, 16 * 1024)], length);
    if (left > 0) {
      throw new EOFException("the connection closed " + left + " bytes before the end of the body");
    }
  }

  private static void chunked(ResponseInput input, CappedBody body) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      long size = chunkSize(input.line(MAX_LINE));
      if (size == 0) {
        break;
      }
      if (exactly(input, body, buffer, size) > 0) {
        throw new EOFException("the connection closed in the middle of a chunk");
      }
      String end = input.line(MAX_LINE);
      if (end == null || !end.isEmpty()) {
        throw new ProtocolException("a chunk of the answer does not end where its size says");
      }
    }
    // Trailer fields, if any, are read and dropped: nothing here needs them.
    fields(input);
  }

  private static long chunkSize(String line) throws ProtocolException {
    if (line == null) {
      throw new ProtocolException("the connection closed before the last chunk");
    }
    int extension = line.indexOf(';');
    String hex = (extension >= 0 ? line.substring(0, extension) : line).strip();
    if (hex.isEmpty() || hex.length() > 15) {
      throw new ProtocolException("a chunk size of the answer is malformed: " + quoted(line));
    }
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new ProtocolException("a chunk size of the answer is malformed: " + quoted(line));
    }
  }

  /** Moves {@code length} bytes into the body through the buffer; returns how many were missing when the stream ended. */
  private static long exactly(ResponseInput input, CappedBody body, byte[] buffer, long length) throws IOException {
    long left = length;
    while (left > 0) {
      int count = input.read(buffer, 0, (int) Math.min(left, buffer.length));
      if (count < 0) {
        return left;
      }
      body.append(buffer, 0, count);
      left -= count;
    }
    return 0;
  }

  private static void toClose(ResponseInput input, CappedBody body) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int count;
    while ((count = input.read(buffer, 0, buffer.length)) >= 0) {
      body.append(buffer, 0, count);
    }
  }

  private static String quoted(String text) {
    return "\"" + (text.length() <= 100 ? text : text.substring(0, 100) + "...") + "\"";
  }

  /** {@code HTTP/1.1 200 OK}: the version and the code; the reason phrase is not used. */
  private record StatusLine(boolean http11, int code) {

    static StatusLine parse(String line) throws ProtocolException {
      if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
          || (line.length() > 12 && line.charAt(12) != ' ')) {
        throw new ProtocolException("the answer does not start with an HTTP/1.x status line: " + quoted(line));
      }
      try {
        int code = Integer.parseInt(line.substring(9, 12));
        if (code < 100) {
          throw new NumberFormatException();
        }
        return new StatusLine(line.charAt(7) != '0', code);
      } catch (NumberFormatException e) {
        throw new ProtocolException("the answer's status is not a number: " + quoted(line));
      }
    }
  }
}

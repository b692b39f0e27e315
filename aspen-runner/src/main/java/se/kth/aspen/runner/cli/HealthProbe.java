package se.kth.aspen.runner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * GET /healthz of the runner on this machine, by hand over a socket. A container's health check
 * starts a fresh JVM every interval, beside the runner, often on a busy node: so the probe loads
 * nothing but this class (no HTTP client, no command line, no logging). On two loaded cores the
 * whole command line took 6-14 s to start where this takes 1-2 s.
 */
public final class HealthProbe {

  static final int DEFAULT_PORT = 3005;

  private HealthProbe() {}

  /**
   * Asks the runner at ASPEN_API_BIND (127.0.0.1 when unset or a wildcard) on {@code port}, else
   * ASPEN_API_PORT, else 3005; prints one line and returns 0 when it answered 200, else 1.
   */
  public static int check(Map<String, String> env, Optional<Integer> port, int timeoutSeconds, PrintStream out, PrintStream err) {
    String host = host(env);
    int target = port.orElseGet(() -> port(env));
    int timeout = Math.max(1, timeoutSeconds) * 1000;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, target), timeout);
      socket.setSoTimeout(timeout);
      String request = "GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      if (status.matches("HTTP/1\\.[01] 200")) {
        out.println("healthy: " + host + ":" + target);
        return ExitCodes.OK;
      }
      err.println("aspen healthcheck: " + host + ":" + target + " answered " + status.strip());
    } catch (IOException e) {
      err.println("aspen healthcheck: no answer from " + host + ":" + target + ": " + e.getMessage());
    }
    return ExitCodes.FAILED;
  }

  private static String host(Map<String, String> env) {
    String bind = env.getOrDefault("ASPEN_API_BIND", "").strip();
    return bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }

  private static int port(Map<String, String> env) {
    try {
      return Integer.parseInt(env.getOrDefault("ASPEN_API_PORT", "").strip());
    } catch (NumberFormatException e) {
      return DEFAULT_PORT;
    }
  }
}

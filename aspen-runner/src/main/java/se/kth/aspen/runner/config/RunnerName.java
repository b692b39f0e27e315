package se.kth.aspen.runner.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The name a runner goes by when none is given: its host name and process id. The host name
 * alone does not tell apart two runners on one machine, nor two replicas on the host network;
 * a Swarm stack gives each replica its task slot instead.
 */
final class RunnerName {

  private RunnerName() {}

  static String ofThisProcess(Map<String, String> env) {
    return host(env) + "/" + ProcessHandle.current().pid();
  }

  private static String host(Map<String, String> env) {
    String fromEnv = env.get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    try {
      String fromFile = Files.readString(Path.of("/etc/hostname")).strip();
      if (!fromFile.isEmpty()) {
        return fromFile;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no such file: ask the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

package se.kth.aspen.core.testenv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The real components the tests talk to, as {@code scripts/test-env.sh} brought them up: a
 * single-node swarm, an authenticated registry with the busybox test image, Redis, and the real
 * {@code ansible-vault}. Everything is on loopback or the local Docker socket.
 *
 * <p>Reads the properties file named by the system property {@code aspen.testenv.file} (the
 * build sets it). A test that needs the environment fails loudly when it is missing: a skipped
 * real-component test proves nothing.
 */
public final class TestEnvironment {

  private static volatile TestEnvironment current;

  private final Properties properties;
  private final Path file;

  private TestEnvironment(Path file, Properties properties) {
    this.file = file;
    this.properties = properties;
  }

  /** The environment, read once. */
  public static TestEnvironment get() {
    TestEnvironment env = current;
    if (env == null) {
      synchronized (TestEnvironment.class) {
        env = current;
        if (env == null) {
          env = current = load();
        }
      }
    }
    return env;
  }

  private static TestEnvironment load() {
    String name = System.getProperty("aspen.testenv.file");
    if (name == null || name.isBlank()) {
      throw new IllegalStateException(
          "system property aspen.testenv.file is not set; run the tests through Maven from the repository root");
    }
    Path file = Path.of(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " does not exist: run scripts/test-env.sh first (as root) to bring up the swarm, registry and Redis");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new TestEnvironment(file, properties);
  }

  private String required(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(file + " has no " + key + "; run scripts/test-env.sh again");
    }
    return value.strip();
  }

  /** {@code unix:///var/run/docker.sock}. */
  public String dockerHost() {
    return required("docker.host");
  }

  /** The API version the engine speaks ({@code 1.41}). */
  public String dockerApiVersion() {
    return required("docker.api.version");
  }

  /** The engine's own docker client ({@code /usr/bin/docker}), for differential tests. */
  public Path dockerCli() {
    return Path.of(required("docker.cli"));
  }

  /** {@code http://127.0.0.1:5000}. */
  public String registryUrl() {
    return required("registry.url");
  }

  /** {@code 127.0.0.1:5000}. */
  public String registryHost() {
    return required("registry.host");
  }

  public String registryUser() {
    return required("registry.user");
  }

  public String registryPassword() {
    return required("registry.password");
  }

  /** The test image's repository, {@code 127.0.0.1:5000/busybox}. */
  public String testImage() {
    return required("registry.image");
  }

  /** The tags pushed for the test image ({@code 1.0.0_abc}, {@code 1.2.3_def}...). */
  public List<String> testImageTags() {
    return List.of(required("registry.image.tags").split(","));
  }

  /** {@code redis://127.0.0.1:6390}. */
  public String redisUrl() {
    return required("redis.url");
  }

  /** The real {@code ansible-vault} executable. */
  public Path ansibleVault() {
    return Path.of(required("ansible.vault"));
  }
}

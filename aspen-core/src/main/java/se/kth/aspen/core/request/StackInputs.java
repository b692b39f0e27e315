package se.kth.aspen.core.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import se.kth.aspen.core.compose.ConfinedPath;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.EnvFile;
import se.kth.aspen.core.compose.FileObjectSpec;
import se.kth.aspen.core.compose.PathEscapeException;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.FileContents;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.ServiceEnvironment;

/**
 * What a stack names in its directory, read once: its env files parsed ({@link EnvFile}), the
 * contents of its file-based secrets and configs, and the host path of each bind source not
 * written as an absolute path. Every file must stay inside the directory ({@link ConfinedPath}).
 * Together with the decrypted secrets this makes the {@link DeployRequest}.
 */
public final class StackInputs {

  private final StackModel stack;
  private final Map<String, EnvFile> envFiles;
  private final FileContents files;

  private StackInputs(StackModel stack, Map<String, EnvFile> envFiles, FileContents files) {
    this.stack = stack;
    this.envFiles = envFiles;
    this.files = files;
  }

  /**
   * Reads what {@code stack} names from {@code directory}, the stack file's.
   *
   * @throws StackFileException naming the stack file, the service or object, and the file (and
   *     for an env file the line, never its content) that is missing, unreadable, invalid or
   *     outside the directory
   */
  public static StackInputs read(Path directory, StackModel stack) throws StackFileException {
    Map<String, EnvFile> envFiles = new HashMap<>();
    Map<String, String> hostPaths = new LinkedHashMap<>();
    Path base = directory.toAbsolutePath().normalize();
    for (ServiceSpec service : stack.services().values()) {
      for (String written : service.envFiles()) {
        if (DecryptedSecrets.isReference(written) || envFiles.containsKey(written)) {
          continue;
        }
        byte[] content = content(directory, written, stack, service.line(), service.name(), "env_file");
        try {
          envFiles.put(written, EnvFile.parse(written, content));
        } catch (EnvFile.InvalidLineException e) {
          throw new StackFileException(stack.file(), service.line(), service.name(), "env_file " + e.getMessage());
        }
      }
      for (VolumeMount mount : service.volumes()) {
        if (mount.type().equals("bind") && mount.source().filter(s -> !s.startsWith("/")).isPresent()) {
          String source = mount.source().get();
          hostPaths.put(source, base.resolve(source).normalize().toString());
        }
      }
    }
    Map<String, Secret> secrets = contents(directory, stack, stack.secrets(), "secret");
    Map<String, Secret> configs = contents(directory, stack, stack.configs(), "config");
    return new StackInputs(stack, envFiles, new FileContents(secrets, configs, Map.of(), hostPaths));
  }

  /**
   * The request for this stack.
   *
   * @param images the image of every service, by service name
   * @param secrets the decrypted {@code secrets.env}, for the services whose env files name it
   * @param vaultedBinds the plaintext of the vaulted relative bind files, by the source as written
   */
  public DeployRequest request(Cluster cluster, String stackName, Map<String, ImageReference> images,
      SecretEnvironment secrets, Map<String, Secret> vaultedBinds, boolean prune) {
    Map<String, ServiceEnvironment> environments = new HashMap<>();
    for (String service : stack.services().keySet()) {
      environments.put(service, environment(service, secrets));
    }
    return new DeployRequest(cluster, stackName, stack, images, environments, files.withVaultedBinds(vaultedBinds), prune);
  }

  /**
   * The environment the request gives one service: its env files in order, {@code secrets} at
   * the position of the decrypted {@code secrets.env}, then its {@code environment:}.
   *
   * @param secrets {@link SecretEnvironment#empty()} for the environment without the vaulted values
   * @throws IllegalArgumentException when the stack has no such service
   */
  public ServiceEnvironment environment(String service, SecretEnvironment secrets) {
    ServiceSpec spec = stack.services().get(service);
    if (spec == null) {
      throw new IllegalArgumentException(stack.file() + " has no service " + service);
    }
    return EnvironmentAssembly.of(spec, envFiles, secrets);
  }

  private static Map<String, Secret> contents(Path directory, StackModel stack, Map<String, FileObjectSpec> objects, String noun)
      throws StackFileException {
    Map<String, Secret> contents = new HashMap<>();
    for (Map.Entry<String, FileObjectSpec> object : objects.entrySet()) {
      if (object.getValue().fromFile()) {
        String written = object.getValue().file().orElseThrow();
        contents.put(object.getKey(), Secret.of(content(directory, written, stack, 0, "", noun + " " + object.getKey() + ": file")));
      }
    }
    return contents;
  }

  private static byte[] content(Path directory, String written, StackModel stack, int line, String service, String what)
      throws StackFileException {
    try {
      return Files.readAllBytes(ConfinedPath.resolve(directory, written));
    } catch (PathEscapeException e) {
      throw new StackFileException(stack.file(), line, service, what + ": " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new StackFileException(stack.file(), line, service, what + " \"" + written + "\" does not exist");
    } catch (IOException e) {
      throw new StackFileException(stack.file(), line, service, what + " \"" + written + "\" cannot be read: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "StackInputs[" + stack.file() + ", env files " + envFiles.keySet() + "]";
  }
}

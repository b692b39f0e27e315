package se.kth.aspen.core.port;

import java.util.Map;

/**
 * What the files a stack names hold, read by the core so that an orchestrator never opens the
 * application's directory. Contents are {@link Secret}s, which no {@code toString} prints.
 *
 * @param secrets the content of each file-based top-level secret, by its key
 * @param configs the content of each file-based top-level config, by its key
 * @param vaultedBinds the plaintext of each vaulted relative bind file (its file starts with
 *     {@code $ANSIBLE_VAULT}), by the source as written in the stack file ({@code ./conf/app.yml})
 * @param hostPaths each bind source not written as an absolute path ({@code ./data}), by the
 *     source as written, to the absolute path on the host it stands for
 */
public record FileContents(Map<String, Secret> secrets, Map<String, Secret> configs, Map<String, Secret> vaultedBinds,
    Map<String, String> hostPaths) {

  private static final FileContents NONE = new FileContents(Map.of(), Map.of(), Map.of(), Map.of());

  public FileContents {
    secrets = Map.copyOf(secrets);
    configs = Map.copyOf(configs);
    vaultedBinds = Map.copyOf(vaultedBinds);
    hostPaths = Map.copyOf(hostPaths);
  }

  /** A stack that names no file. */
  public static FileContents none() {
    return NONE;
  }

  /** The same contents with the plaintext of the vaulted bind files. */
  public FileContents withVaultedBinds(Map<String, Secret> plaintext) {
    return new FileContents(secrets, configs, plaintext, hostPaths);
  }
}

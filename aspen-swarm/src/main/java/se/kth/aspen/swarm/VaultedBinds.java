package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.UnreachableException;

/**
 * Vaulted relative bind files ({@code ./conf/app.yml:/etc/app.yml} whose file is Ansible Vault):
 * their plaintext never touches a disk. Each becomes a Swarm secret (held encrypted in the raft
 * log, mounted read-only on a tmpfs) mounted at the bind target in place of the bind mount.
 *
 * <p>The secret's name ends in a digest of the stack, source and plaintext, so that changed
 * content makes a new secret (Swarm secrets are immutable) and unchanged content restarts
 * nothing; secrets of the stack's earlier contents are removed once no service uses them.
 */
final class VaultedBinds {

  static final String SOURCE_LABEL = "se.kth.aspen.bind-source";

  private final FileObjects secrets;
  private final StackNames names;
  private final Map<String, Secret> decrypted;
  private final Set<String> inUse = new HashSet<>();

  VaultedBinds(FileObjects secrets, StackNames names, Map<String, Secret> decrypted) {
    this.secrets = secrets;
    this.names = names;
    this.decrypted = decrypted;
  }

  /** The service's vaulted bind mounts as secret references, and their targets. */
  record Delivered(List<ObjectNode> references, Set<String> targets) {}

  Delivered deliver(ServiceSpec service, DeployProgress progress) throws UnreachableException, RefusedException {
    List<ObjectNode> references = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (VolumeMount mount : service.volumes()) {
      if (!mount.relativeBind()) {
        continue;
      }
      Optional<Secret> plaintext = plaintext(mount.source().orElseThrow());
      if (plaintext.isEmpty()) {
        continue;
      }
      String source = mount.source().get();
      String name = secretName(source, plaintext.get());
      ObjectNode body = SpecValues.NODES.objectNode();
      body.put("Name", name);
      body.set("Labels", SpecValues.labels(Map.of(SOURCE_LABEL, source), names.stack()));
      body.put("Data", Base64.getEncoder().encodeToString(plaintext.get().bytes()));
      String id = secrets.ensure(name, body, progress);
      inUse.add(name);
      references.add(secrets.reference(mount.target(), "0", "0", 0444, id, name));
      targets.add(mount.target());
    }
    return new Delivered(references, targets);
  }

  private Optional<Secret> plaintext(String source) {
    Secret exact = decrypted.get(source);
    if (exact != null) {
      return Optional.of(exact);
    }
    Path wanted = Path.of(source).normalize();
    return decrypted.entrySet().stream()
        .filter(e -> Path.of(e.getKey()).normalize().equals(wanted))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private String secretName(String source, Secret plaintext) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update((names.stack() + "\0" + source + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String digest = HexFormat.of().formatHex(sha.digest(plaintext.bytes())).substring(0, 16);
    String base = Path.of(source).getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
    String prefix = names.scoped("file_");
    int room = 64 - prefix.length() - 1 - digest.length();
    if (base.length() > room) {
      base = base.substring(0, Math.max(0, room));
    }
    return prefix + base + "_" + digest;
  }

  /** Removes this stack's vaulted-file secrets that no service uses any more; one still in use stays. */
  void removeStale(EngineClient engine) throws UnreachableException {
    String filter = new LabelFilter().is(StackNames.NAMESPACE_LABEL, names.stack()).has(SOURCE_LABEL).encoded();
    try {
      for (JsonNode secret : engine.get("/secrets?filters=" + filter, "listing the vaulted-file secrets of " + names.stack())) {
        String name = secret.path("Spec").path("Name").asText();
        if (!inUse.contains(name)) {
          try {
            engine.delete("/secrets/" + secret.path("ID").asText(), "removing secret " + name);
          } catch (RefusedException e) {
            // still used by a service being updated: removed on a later deploy
          }
        }
      }
    } catch (RefusedException e) {
      // listing refused: nothing to clean up this time
    }
  }
}

package se.kth.aspen.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.kth.aspen.core.compose.ServiceOrder;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.DeployOutcome;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.ServiceEnvironment;
import se.kth.aspen.core.port.StackOwner;

/**
 * One {@code docker stack deploy --with-registry-auth [--prune]}, call for call, except that
 * services are written in the waves of their {@code depends_on} ({@link ServiceOrder}), each
 * wave once what it depends on reached its condition ({@link DependencyGate}), and that a job
 * whose spec did not change and whose last run completed is not run again ({@link JobRuns}).
 */
final class StackDeployment {

  private final EngineClient engine;
  private final RegistryAuth auth;
  private final DeployRequest request;
  private final Deadline deadline;
  private final StackNames names;
  private final StackModel model;
  private final DeployProgress progress = new DeployProgress();
  private final boolean rotate;

  private final java.util.Map<String, com.fasterxml.jackson.databind.node.ArrayNode> platformsByDigest;

  StackDeployment(EngineClient engine, RegistryAuth auth, DeployRequest request, Deadline deadline,
      java.util.Map<String, com.fasterxml.jackson.databind.node.ArrayNode> platformsByDigest, boolean rotate) {
    this.platformsByDigest = platformsByDigest;
    this.rotate = rotate;
    this.engine = engine;
    this.auth = auth;
    this.request = request;
    this.deadline = deadline;
    this.names = new StackNames(request.stackName());
    this.model = request.stack();
  }

  DeployOutcome run() throws PortException {
    try {
      apply();
    } catch (PortException e) {
      throw progress.failed(e);
    }
    // The stack file's own warnings are the caller's: it read the model, and reports them itself.
    return new DeployOutcome(progress.created, progress.updated, progress.removed, progress.warnings);
  }

  private void apply() throws PortException {
    // The registry lookups only read, and are the slowest calls: they run beside everything else.
    ImageResolution resolution = new ImageResolution(engine, auth, platformsByDigest);
    try (var lookups = new ConcurrentLookups()) {
      request.images().forEach((service, image) -> lookups.start(service, () -> resolution.resolve(image)));
      deploy(lookups);
    }
  }

  private void deploy(ConcurrentLookups lookups) throws PortException {
    ensureManager();
    Map<String, JsonNode> existing = existingServices();
    if (request.prune()) {
      prune(existing);
    }
    check("preparing networks");
    Map<String, String> networks = new NetworkSetup(engine, names).prepare(model, progress);
    FileObjects secrets = new FileObjects(engine, names, request.files().secrets(), FileObjects.Kind.SECRET, rotate);
    FileObjects configs = new FileObjects(engine, names, request.files().configs(), FileObjects.Kind.CONFIG, rotate);
    check("creating secrets");
    secrets.apply(model, progress);
    check("creating configs");
    configs.apply(model, progress);
    Map<String, String> volumes = new HashMap<>();
    model.volumes().forEach((key, v) -> volumes.put(key, names.object(key, v.name(), v.external())));
    VaultedBinds vaulted = new VaultedBinds(secrets, names, request.files().vaultedBinds());
    Writing writing = new Writing(existing, lookups, vaulted, new ServiceSpecJson(model, names), secrets, configs, networks,
        volumes);
    ServiceOrder order = ServiceOrder.of(model);
    for (List<String> wave : order.waves()) {
      new DependencyGate(engine, names, model, deadline).await(wave, progress);
      for (String key : wave) {
        write(model.services().get(key), writing);
      }
    }
    vaulted.removeStale(engine);
  }

  /** What writing each service needs, prepared once for the whole stack. */
  private record Writing(Map<String, JsonNode> existing, ConcurrentLookups lookups, VaultedBinds vaulted,
      ServiceSpecJson converter, FileObjects secrets, FileObjects configs, Map<String, String> networks,
      Map<String, String> volumes) {}

  private void write(ServiceSpec service, Writing writing) throws PortException {
    String name = names.scoped(service.name());
    check("deploying service " + name);
    JsonNode current = writing.existing().get(name);
    ImageResolution.Resolved image = writing.lookups().result(service.name());
    if (!image.resolved() && current != null) {
      progress.warnings.add("image " + image.image() + " could not be accessed on a registry to record its digest. "
          + "Each node will access " + image.image() + " independently, possibly leading to different nodes running "
          + "different versions of the image.");
    }
    service.ports().stream().filter(p -> p.hostIp().isPresent()).forEach(p -> progress.warnings.add(
        "service " + service.name() + ": ignoring IP-address (" + p.hostIp().get() + ":" + p.published().map(String::valueOf).orElse("")
            + ":" + p.target() + "/" + p.protocol() + ") service will listen on '0.0.0.0'"));
    List<ObjectNode> secretRefs = new ArrayList<>(writing.secrets().references(service));
    VaultedBinds.Delivered delivered = writing.vaulted().deliver(service, progress);
    secretRefs.addAll(delivered.references());
    secretRefs.sort(java.util.Comparator.comparing((ObjectNode n) -> n.path("SecretName").asText())
        .thenComparing(n -> n.path("File").path("Name").asText()));
    long forceUpdate = current == null ? 0 : current.path("Spec").path("TaskTemplate").path("ForceUpdate").asLong(0);
    ServiceInputs inputs = new ServiceInputs(image.image().toString(), image.platforms(),
        env(request.environments().get(service.name())), secretRefs, writing.configs().references(service), delivered.targets(),
        forceUpdate, writing.networks(), writing.volumes(), request.files().hostPaths());
    ObjectNode spec;
    try {
      spec = writing.converter().of(service, inputs);
    } catch (UnsupportedSpecException e) {
      throw new RefusedException(model.file() + ": " + e.getMessage() + " (line " + service.line() + ")", e);
    }
    if (service.job()) {
      String run = JobRuns.label(spec);
      if (current != null && JobRuns.alreadyRan(engine, names, service.name(), current, run)) {
        // Any update of a job runs it again; an unchanged job that completed is left alone.
        return;
      }
      JobRuns.mark(spec, run);
    }
    if (request.owner().isPresent()) {
      record(spec, request.owner().get());
    }
    Map<String, String> headers = auth.headersFor(image.image());
    if (current == null) {
      engine.post("/services/create", spec, headers, "creating service " + name);
      progress.applied("service " + name + " created");
      progress.created.add(service.name());
    } else if (SentSpec.runs(current, spec)) {
      // Already written by an earlier deploy of the same desired state that was not recorded:
      // nothing to write, nothing applied; the caller still waits for it to converge.
      return;
    } else {
      JsonNode answer = new ServiceUpdate(engine).apply(current, spec, headers, name);
      answer.path("Warnings").forEach(w -> progress.warnings.add(w.asText()));
      progress.applied("service " + name + " updated");
      progress.updated.add(service.name());
    }
  }

  /**
   * Labels the service as the owner's and records the spec sent, to tell later what changed on
   * the cluster since (drift). Service labels: writing them restarts no task.
   */
  private void record(ObjectNode spec, StackOwner owner) {
    String record = SpecRecord.text(SpecRecord.of(spec));
    ObjectNode labels = spec.path("Labels") instanceof ObjectNode existing ? existing : spec.putObject("Labels");
    labels.put(SpecRecord.MANAGED_BY_LABEL, owner.group());
    labels.put(SpecRecord.CLUSTER_LABEL, owner.cluster());
    labels.put(SpecRecord.FINGERPRINT_LABEL, owner.fingerprint());
    labels.put(SpecRecord.SERVICES_LABEL, String.join(",", new java.util.TreeSet<>(model.services().keySet())));
    labels.put(SpecRecord.RECORD_LABEL, record);
    SentSpec.label(spec);
  }

  /** {@code Env} as the CLI sends it: sorted, {@code NAME=value}, or the bare name of a variable without a value. */
  private static List<String> env(ServiceEnvironment environment) {
    List<String> lines = new ArrayList<>(environment.values().size());
    environment.values().forEach((name, value) -> lines.add(value.map(v -> name + "=" + v.text()).orElse(name)));
    return lines;
  }

  /**
   * The CLI asks {@code GET /info} whether the node is a manager; {@code GET /swarm} answers the
   * same question (503 on a worker or outside a swarm) for a fraction of the engine's work.
   */
  private void ensureManager() throws PortException {
    check("checking the engine");
    engine.get("/swarm", "asking the engine whether it is a swarm manager");
  }

  private Map<String, JsonNode> existingServices() throws PortException {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode service : engine.get("/services?filters=" + names.labelFilter(), "listing the services of stack " + names.stack())) {
      byName.put(service.path("Spec").path("Name").asText(), service);
    }
    return byName;
  }

  private void prune(Map<String, JsonNode> existing) throws PortException {
    for (var entry : new java.util.TreeMap<>(existing).entrySet()) {
      String key = names.serviceKey(entry.getKey()).orElse(null);
      if (key != null && model.services().containsKey(key)) {
        continue;
      }
      check("removing service " + entry.getKey());
      engine.delete("/services/" + entry.getValue().path("ID").asText(), "removing service " + entry.getKey());
      progress.applied("service " + entry.getKey() + " removed");
      progress.removed.add(key != null ? key : entry.getKey());
    }
    existing.keySet().removeIf(name -> names.serviceKey(name).filter(model.services()::containsKey).isEmpty());
  }

  private void check(String doing) throws PortException {
    if (deadline.passed()) {
      throw progress.deadlinePassed(doing + " for stack " + names.stack());
    }
  }

}

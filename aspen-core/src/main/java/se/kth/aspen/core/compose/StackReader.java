package se.kth.aspen.core.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code docker-stack.yml} in two phases, as the pass needs them.
 *
 * <ol>
 *   <li>{@link #parse}: safe YAML (bounded size, aliases, depth and expanded size; duplicate keys
 *       and invalid UTF-8 are errors); the top level must be a mapping. Gives the version ranges
 *       to resolve, without interpolating anything.
 *   <li>{@link #model}: Compose interpolation of values with the variables the pass provides
 *       (resolved version variables, {@code APPLICATION_NAME}, {@code PORTILLO_CLUSTER}), then the
 *       typed model of the Compose subset Swarm uses. Keys Swarm ignores become warnings; keys the
 *       CLI refuses and anything outside the Compose v3 schema are errors.
 * </ol>
 *
 * <p>Every failure is a {@link StackFileException} naming the file, the line and the service. A
 * reader is immutable and can be shared between threads.
 *
 * <p>Decisions where the CLI leaves a choice:
 *
 * <ul>
 *   <li>An image without a tag (or digest) is an error, although the CLI deploys it as
 *       {@code :latest}: Aspen deploys when a file or a resolved tag changes, so a moving
 *       {@code latest} would silently never be redeployed.
 *   <li>There is no limit on the number of services as such; {@link ReadLimits} bound the file's
 *       size and expanded node count instead (5 000 one-line services read fine).
 *   <li>Scalars are kept as written and typed after interpolation (YAML 1.2-like, as CLI 28 does):
 *       {@code FOO: yes} in an environment stays {@code yes}; booleans in typed fields accept
 *       {@code true/false/yes/no/on/off}.
 *   <li>Keys outside the Compose v3 schema are errors, not warnings: a typo such as
 *       {@code replica: 2} must not deploy a stack that silently ignores it.
 *   <li>{@code env_file}, relative bind sources and secret or config files must stay inside the
 *       stack file's directory (see {@link ConfinedPath}).
 *   <li>Values are interpolated when they are read, so a value nobody reads (an {@code x-} key,
 *       a key Swarm ignores) is never interpolated and a bad {@code $} there is not an error.
 *   <li>YAML tags are ignored (nothing is constructed from them); an alias shares the anchored
 *       subtree and lines point at the anchor's definition.
 * </ul>
 */
public final class StackReader {

  private static final Set<String> TOP_LEVEL = Set.of("version", "services", "networks", "volumes", "secrets", "configs");
  private static final Pattern TAG_VARIABLE =
      Pattern.compile(".+:\\$(?:\\{([_a-zA-Z][_a-zA-Z0-9]*)}|([_a-zA-Z][_a-zA-Z0-9]*))");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final ReadLimits limits;

  /** A reader with {@link ReadLimits#DEFAULT}. */
  public StackReader() {
    this(ReadLimits.DEFAULT);
  }

  public StackReader(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Phase 1: parses the file safely.
   *
   * @param file the stack file
   * @param displayPath the file as shown in messages, e.g. {@code team/app/active/docker-stack.yml}
   */
  public StackSource parse(Path file, String displayPath) throws StackFileException {
    YNode.Mapping root = new YamlLoader(limits).load(file, displayPath);
    List<VersionRequest> requests = versionRequests(root);
    checkOneRangePerVariable(requests, displayPath);
    return new StackSource(displayPath, root, requests);
  }

  /**
   * Phase 2: interpolates and builds the typed model. The variables are {@code variables} (the
   * pass gives the resolved versions, {@code APPLICATION_NAME} and {@code PORTILLO_CLUSTER}) over
   * every service's {@code environment} entries as written, later services over earlier ones: the
   * old tool ran {@code docker stack deploy} with such an environment. Nothing comes from the
   * process environment, which holds credentials. A variable used without a default and set
   * nowhere is empty, with a warning naming it, the file and the line. A resolved version
   * variable also replaces the range in its service's environment.
   */
  public StackModel model(StackSource source, Map<String, String> variables) throws StackFileException {
    Map<String, String> all = new java.util.HashMap<>(serviceEnvironments(source.root()));
    all.putAll(variables);
    ReadContext context = new ReadContext(source.displayPath(), Map.copyOf(all));
    Block root = context.block(source.root(), "");
    checkTopLevel(root);
    Map<String, NetworkSpec> networks = TopLevelReader.networks(topLevel(root));
    Map<String, VolumeSpec> volumes = TopLevelReader.volumes(topLevel(root));
    Map<String, FileObjectSpec> secrets = TopLevelReader.files(topLevel(root), "secrets");
    Map<String, FileObjectSpec> configs = TopLevelReader.files(topLevel(root), "configs");
    LinkedHashMap<String, ServiceSpec> services = new LinkedHashMap<>();
    YNode.Mapping servicesNode = services(source, context);
    for (Map.Entry<String, YNode> entry : servicesNode.entries().entrySet()) {
      String name = entry.getKey();
      String path = "services." + name;
      int line = servicesNode.keyLine(name);
      context.lines.put(path, line);
      if (!SERVICE_NAME.matcher(name).matches()) {
        throw context.error("", line, "service name \"" + name
            + "\" may only hold letters, digits, '.', '_' and '-', and must start with a letter or digit");
      }
      YNode node = entry.getValue();
      YNode.Mapping mapping;
      if (node instanceof YNode.Mapping m) {
        mapping = m;
      } else if (node instanceof YNode.Scalar s && s.isNull()) {
        mapping = new YNode.Mapping(new LinkedHashMap<>(), Map.of(), line);
      } else {
        throw context.error(path, line, "must be a mapping, got " + node.kind());
      }
      ServiceSpec service = ServiceReader.read(context.block(mapping, path), name, line);
      service = withResolvedVersions(service, source.versionRequests(), variables);
      References.check(service, context, networks, volumes, secrets, configs);
      services.put(name, service);
    }
    ServiceOrder.check(services, context);
    return new StackModel(source.displayPath(), services, networks, volumes, secrets, configs, context.warnings,
        context.lines);
  }

  /** Both phases at once, for callers without version ranges to resolve. */
  public StackModel read(Path file, String displayPath, Map<String, String> variables) throws StackFileException {
    return model(parse(file, displayPath), variables);
  }

  private static Block topLevel(Block root) {
    return new Block(root.context, root.mapping, "");
  }

  private static void checkTopLevel(Block root) throws StackFileException {
    for (String key : root.mapping.entries().keySet()) {
      root.context.lines.put(key, root.line(key));
      if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
        throw root.context.error("", root.line(key), "unknown top-level key \"" + key
            + "\" (allowed: version, services, networks, volumes, secrets, configs and x-...)");
      }
    }
    Optional<String> version = root.string("version");
    if (version.isPresent() && !version.get().strip().startsWith("3")) {
      throw root.context.error("", root.line("version"), "version \"" + version.get()
          + "\" is not supported: docker stack deploy reads Compose file format 3");
    }
  }

  private static YNode.Mapping services(StackSource source, ReadContext context) throws StackFileException {
    YNode node = source.root().get("services");
    if (node == null) {
      throw context.error("", source.root().line(), "there is no services key: a stack needs at least one service");
    }
    if (!(node instanceof YNode.Mapping mapping)) {
      throw context.error("", node.line(), "services must be a mapping of service names, got " + node.kind());
    }
    if (mapping.entries().isEmpty()) {
      throw context.error("", node.line(), "services is empty: a stack needs at least one service");
    }
    return mapping;
  }

  private static ServiceSpec withResolvedVersions(ServiceSpec service, List<VersionRequest> requests,
      Map<String, String> variables) {
    LinkedHashMap<String, Optional<String>> environment = null;
    for (VersionRequest request : requests) {
      String resolved = variables.get(request.variable());
      if (request.service().equals(service.name()) && resolved != null) {
        if (environment == null) {
          environment = new LinkedHashMap<>(service.environment());
        }
        environment.put(request.variable(), Optional.of(resolved));
      }
    }
    if (environment == null) {
      return service;
    }
    return new ServiceSpec(service.name(), service.line(), service.image(), service.command(), service.entrypoint(),
        environment, service.envFiles(), service.labels(), service.deploy(), service.logging(), service.ports(),
        service.volumes(), service.networks(), service.secrets(), service.configs(), service.healthcheck(),
        service.user(), service.workingDir(), service.hostname(), service.extraHosts(), service.dns(),
        service.dnsSearch(), service.stopGracePeriod(), service.stopSignal(), service.init(), service.capAdd(),
        service.capDrop(), service.sysctls(), service.ulimits(), service.readOnly(), service.tty(),
        service.stdinOpen(), service.restart(), service.dependsOn());
  }

  /** Every service's environment entries with a value, as written (not interpolated). */
  private static Map<String, String> serviceEnvironments(YNode.Mapping root) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(root.get("services") instanceof YNode.Mapping services)) {
      return out;
    }
    for (YNode service : services.entries().values()) {
      if (!(service instanceof YNode.Mapping mapping)) {
        continue;
      }
      if (mapping.get("environment") instanceof YNode.Mapping environment) {
        environment.entries().forEach((name, value) -> {
          if (value instanceof YNode.Scalar scalar && !scalar.isNull()) {
            out.put(name, scalar.text());
          }
        });
      } else if (mapping.get("environment") instanceof YNode.Sequence list) {
        for (YNode item : list.items()) {
          if (item instanceof YNode.Scalar entry && !entry.isNull() && entry.text().indexOf('=') > 0) {
            int eq = entry.text().indexOf('=');
            out.put(entry.text().substring(0, eq), entry.text().substring(eq + 1));
          }
        }
      }
    }
    return out;
  }

  /** Finds {@code image: ...:${VAR}} with {@code VAR} a range in the same service's environment. */
  private static List<VersionRequest> versionRequests(YNode.Mapping root) {
    List<VersionRequest> out = new ArrayList<>();
    if (!(root.get("services") instanceof YNode.Mapping services)) {
      return out;
    }
    for (Map.Entry<String, YNode> entry : services.entries().entrySet()) {
      if (!(entry.getValue() instanceof YNode.Mapping service)
          || !(service.get("image") instanceof YNode.Scalar image) || image.isNull()) {
        continue;
      }
      Matcher tag = TAG_VARIABLE.matcher(image.text().strip());
      if (!tag.matches()) {
        continue;
      }
      String variable = tag.group(1) != null ? tag.group(1) : tag.group(2);
      rangeIn(service.get("environment"), variable).ifPresent(range ->
          out.add(new VersionRequest(entry.getKey(), variable, range.text(), image.text().strip(), range.line())));
    }
    return out;
  }

  /** A variable has one value for the whole file, so two services cannot give it different ranges. */
  private static void checkOneRangePerVariable(List<VersionRequest> requests, String displayPath)
      throws StackFileException {
    Map<String, VersionRequest> first = new LinkedHashMap<>();
    for (VersionRequest request : requests) {
      VersionRequest earlier = first.putIfAbsent(request.variable(), request);
      if (earlier != null && !earlier.range().equals(request.range())) {
        throw new StackFileException(displayPath, request.line(), request.service(), "variable " + request.variable()
            + " is given the range " + request.range() + " here and " + earlier.range() + " in service "
            + earlier.service() + " (line " + earlier.line() + "); a variable has one value, so use one variable per range");
      }
    }
  }

  private record WrittenRange(String text, int line) {}

  /**
   * The value the service's environment gives the tag's variable, whatever it is: the old tool read
   * any value there as a version, so a value that is not one is an error the resolution names, not
   * a tag. A variable listed without a value gives an empty text.
   */
  private static Optional<WrittenRange> rangeIn(YNode environment, String variable) {
    WrittenRange found = null;
    if (environment instanceof YNode.Mapping mapping && mapping.get(variable) instanceof YNode.Scalar value) {
      found = new WrittenRange(value.isNull() ? "" : value.text().strip(), value.line());
    } else if (environment instanceof YNode.Sequence list) {
      for (YNode item : list.items()) {
        if (item instanceof YNode.Scalar entry && !entry.isNull()) {
          if (entry.text().startsWith(variable + "=")) {
            found = new WrittenRange(entry.text().substring(variable.length() + 1).strip(), entry.line());
          } else if (entry.text().strip().equals(variable)) {
            found = new WrittenRange("", entry.line());
          }
        }
      }
    }
    return Optional.ofNullable(found);
  }
}

package se.kth.aspen.core.diff;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.ServiceOrder;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.pass.AppTarget;
import se.kth.aspen.core.pass.DesiredState;
import se.kth.aspen.core.pass.DesiredStateReader;
import se.kth.aspen.core.policy.Violation;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.ServiceEnvironment;
import se.kth.aspen.core.request.StackInputs;

/**
 * Compares two trees of the application registry (two checked-out revisions, or two
 * directories). A target whose directory holds the same files on both sides is the same desired
 * state and is passed over without being read; every other target is read on both sides as the
 * pass reads it and compared field by field. Images show the tag a range resolved to and the
 * digest the tag points at now.
 */
public final class RegistryComparison {

  /** One side: what it is called in the output, and the root of its tree. */
  public record Side(String label, Path root) {
    public Side {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(root, "root");
    }
  }

  static final String SECRETS_ENV = DecryptedSecrets.SECRETS_FILE;
  private static final String STACK_FILE = "docker-stack.yml";
  /** How a name sent without a value ({@code environment: [DEBUG]}) is shown. */
  static final String NAME_ONLY = "(no value)";

  private final DesiredStateReader reader;
  private final ImageRegistry images;
  private final Duration requestTimeout;
  private final Map<String, String> digests = new ConcurrentHashMap<>();

  public RegistryComparison(DesiredStateReader reader, ImageRegistry images, Duration requestTimeout) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.images = Objects.requireNonNull(images, "images");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * Every target whose desired state differs, by stack path.
   *
   * @param perTarget how long reading both sides of one target may take (registry calls included)
   * @throws IOException when a tree cannot be walked or a target's files read
   */
  public RegistryDiff compare(Side base, Side head, Duration perTarget) throws IOException {
    DesiredStateReader.Targets baseTargets = reader.targets(base.root());
    DesiredStateReader.Targets headTargets = reader.targets(head.root());
    Map<String, AppTarget> before = byPath(baseTargets.targets());
    Map<String, AppTarget> after = byPath(headTargets.targets());
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<TargetChange> changes = new ArrayList<>();
    for (String path : paths) {
      Optional<AppTarget> b = Optional.ofNullable(before.get(path));
      Optional<AppTarget> a = Optional.ofNullable(after.get(path));
      Map<String, String> filesBefore = TargetFiles.of(b.map(AppTarget::directory));
      Map<String, String> filesAfter = TargetFiles.of(a.map(AppTarget::directory));
      if (b.isPresent() && a.isPresent() && filesBefore.equals(filesAfter)) {
        continue;
      }
      changes.add(target(path, b, a, files(filesBefore, filesAfter, b.isPresent() && a.isPresent()), Deadline.in(perTarget)));
    }
    return new RegistryDiff(base.label(), head.label(), changes, headTargets.problems());
  }

  private TargetChange target(String path, Optional<AppTarget> b, Optional<AppTarget> a, List<String> files, Deadline deadline) {
    AppTarget any = a.orElseGet(b::orElseThrow);
    Optional<DesiredState> before = b.map(t -> reader.read(t, deadline));
    Optional<DesiredState> after = a.map(t -> reader.read(t, deadline));
    Change change = b.isEmpty() ? Change.ADDED : a.isEmpty() ? Change.REMOVED : Change.CHANGED;
    List<FieldChange> stack = new ArrayList<>();
    List<ServiceChange> services = new ArrayList<>();
    Optional<StackModel> sb = before.flatMap(DesiredState::stack);
    Optional<StackModel> sa = after.flatMap(DesiredState::stack);
    if (sb.isPresent() || sa.isPresent()) {
      stack.addAll(topLevel(sb, sa));
      services.addAll(services(before, after, deadline));
    }
    List<String> problems = after.map(state -> problems(path, state)).orElse(List.of());
    boolean couldNotTry = after.flatMap(DesiredState::failure).map(DesiredState.Failure::couldNotTry).orElse(false);
    Optional<ServiceOrder> order = sa.map(ServiceOrder::of).filter(ServiceOrder::ordered);
    List<String> warnings = after.map(state -> lines(path, state.warnings())).orElse(List.of());
    return new TargetChange(any.application(), any.cluster(), path, change, files, stack, services, problems, couldNotTry,
        order, warnings);
  }

  /** Added, removed and changed files other than the stack file itself; a changed vault says only that. */
  private static List<String> files(Map<String, String> before, Map<String, String> after, boolean both) {
    List<String> out = new ArrayList<>();
    if (!both) {
      return out;
    }
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      if (name.equals(STACK_FILE) || Objects.equals(before.get(name), after.get(name))) {
        continue;
      }
      out.add(name + (!before.containsKey(name) ? " added" : !after.containsKey(name) ? " removed" : " changed"));
    }
    return out;
  }

  private static List<FieldChange> topLevel(Optional<StackModel> b, Optional<StackModel> a) {
    List<FieldChange> out = new ArrayList<>();
    keyed(out, "networks.", b.map(StackModel::networks), a.map(StackModel::networks));
    keyed(out, "volumes.", b.map(StackModel::volumes), a.map(StackModel::volumes));
    keyed(out, "configs.", b.map(StackModel::configs), a.map(StackModel::configs));
    keyed(out, "secrets.", b.map(StackModel::secrets), a.map(StackModel::secrets));
    return out;
  }

  private static void keyed(List<FieldChange> out, String prefix, Optional<? extends Map<String, ?>> before,
      Optional<? extends Map<String, ?>> after) {
    Map<String, ?> b = before.isPresent() ? before.get() : Map.of();
    Map<String, ?> a = after.isPresent() ? after.get() : Map.of();
    TreeSet<String> keys = new TreeSet<>(b.keySet());
    keys.addAll(a.keySet());
    for (String key : keys) {
      // A key written with nothing under it (networks: {backend: }) is still there.
      Optional<String> was = b.containsKey(key) ? Optional.of(Values.of(b.get(key)).orElse("(defaults)")) : Optional.empty();
      Optional<String> now = a.containsKey(key) ? Optional.of(Values.of(a.get(key)).orElse("(defaults)")) : Optional.empty();
      if (!was.equals(now)) {
        out.add(new FieldChange(prefix + key, was, now));
      }
    }
  }

  private List<ServiceChange> services(Optional<DesiredState> before, Optional<DesiredState> after, Deadline deadline) {
    Map<String, ServiceComparison.Side> b = sides(before);
    Map<String, ServiceComparison.Side> a = sides(after);
    List<String> names = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(n -> !a.containsKey(n)).sorted().forEach(names::add);
    List<ServiceChange> out = new ArrayList<>();
    for (String name : names) {
      Optional<ServiceComparison.Side> sb = Optional.ofNullable(b.get(name));
      Optional<ServiceComparison.Side> sa = Optional.ofNullable(a.get(name));
      if (sb.isPresent() && sa.isPresent() && !sb.get().image().equals(sa.get().image())) {
        sb = Optional.of(pinned(sb.get(), deadline));
        sa = Optional.of(pinned(sa.get(), deadline));
      } else if (sb.isEmpty() || sa.isEmpty()) {
        sb = sb.map(s -> pinned(s, deadline));
        sa = sa.map(s -> pinned(s, deadline));
      }
      List<FieldChange> fields = sb.isEmpty() || sa.isEmpty()
          ? List.of(new FieldChange("image", sb.map(ServiceComparison.Side::image), sa.map(ServiceComparison.Side::image)))
          : ServiceComparison.compare(sb, sa);
      if (!fields.isEmpty()) {
        out.add(new ServiceChange(name, sb.isEmpty() ? Change.ADDED : sa.isEmpty() ? Change.REMOVED : Change.CHANGED, fields));
      }
    }
    return out;
  }

  private static Map<String, ServiceComparison.Side> sides(Optional<DesiredState> state) {
    Map<String, ServiceComparison.Side> out = new LinkedHashMap<>();
    if (state.isEmpty() || state.get().stack().isEmpty()) {
      return out;
    }
    StackModel stack = state.get().stack().get();
    Optional<StackInputs> inputs;
    String unreadable = "";
    try {
      inputs = Optional.of(StackInputs.read(state.get().target().directory(), stack));
    } catch (StackFileException e) {
      inputs = Optional.empty();
      unreadable = e.getMessage();
    }
    for (ServiceSpec service : stack.services().values()) {
      ImageReference image = state.get().images().get(service.name());
      SequencedMap<String, String> environment = inputs.isPresent()
          ? environment(inputs.get().environment(service.name(), SecretEnvironment.empty()))
          : unreadable(unreadable);
      out.put(service.name(), new ServiceComparison.Side(service, image == null ? service.image() : image.toString(), environment));
    }
    return out;
  }

  /**
   * The plain environment the pass would give the service, each value as shown: its env files'
   * values (not the vaulted {@code secrets.env}: that one is compared as a file, by its encrypted
   * content), then its {@code environment}, which wins; a name sent without a value says so.
   */
  private static SequencedMap<String, String> environment(ServiceEnvironment environment) {
    SequencedMap<String, String> out = new LinkedHashMap<>();
    environment.values().forEach((name, value) -> out.put(name, value.map(v -> Values.quoted(v.text())).orElse(NAME_ONLY)));
    return out;
  }

  private static SequencedMap<String, String> unreadable(String problem) {
    SequencedMap<String, String> out = new LinkedHashMap<>();
    out.put("(env_file)", "cannot be read: " + problem);
    return out;
  }

  /** The image with the digest its tag points at now, when the registry says; else as resolved. */
  private ServiceComparison.Side pinned(ServiceComparison.Side side, Deadline deadline) {
    ImageReference image;
    try {
      image = ImageReference.parse(side.image());
    } catch (IllegalArgumentException e) {
      return side;
    }
    if (image.digest().isPresent()) {
      return side;
    }
    String digest = digests.computeIfAbsent(image.toString(), key -> {
      try {
        return images.digest(image, deadline.atMost(requestTimeout));
      } catch (PortException | RuntimeException e) {
        return "";
      }
    });
    return digest.isEmpty() ? side
        : new ServiceComparison.Side(side.spec(), image.withDigest(digest).toString(), side.environment());
  }

  /** The head's violations and failure, each naming the file and line. */
  private static List<String> problems(String path, DesiredState state) {
    List<String> out = new ArrayList<>();
    state.failure().ifPresent(f -> out.add(f.step() + ": " + (f.reason().startsWith(path) ? f.reason() : path + ": " + f.reason())));
    out.addAll(lines(path, state.violations()));
    return out;
  }

  /** {@code HostBindPolicy: app/active/docker-stack.yml:12: service web: ...} for each. */
  private static List<String> lines(String path, List<Violation> found) {
    return found.stream()
        .map(v -> v.policy() + ": " + path + (v.line() > 0 ? ":" + v.line() : "") + ": service " + v.service() + ": " + v.detail())
        .toList();
  }

  private static Map<String, AppTarget> byPath(List<AppTarget> targets) {
    Map<String, AppTarget> out = new TreeMap<>();
    targets.forEach(t -> out.put(t.stackPath(), t));
    return out;
  }
}

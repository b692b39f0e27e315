package se.kth.aspen.core.pass;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import se.kth.aspen.core.fake.FakeClusterDirectory;
import se.kth.aspen.core.fake.FakeImageRegistry;
import se.kth.aspen.core.fake.FakeOrchestrator;
import se.kth.aspen.core.fake.FakeRegistrySource;
import se.kth.aspen.core.fake.FakeSecretStore;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.state.InMemoryStateStore;

/** Every port faked, over a registry directory the test writes; a fixed clock. */
class PassFixture {

  static final String GROUP = "test-group";

  final TestRegistry registry;
  final MutableClock clock = MutableClock.atFixedStart();
  final FakeRegistrySource source;
  final FakeClusterDirectory clusters = FakeClusterDirectory.of("active", "stage");
  final FakeImageRegistry images = new FakeImageRegistry();
  final FakeSecretStore secrets = new FakeSecretStore();
  final FakeOrchestrator orchestrator = new FakeOrchestrator();
  final StateStore state;
  /** The store the pass is given: {@link #state} unless a test wraps it. */
  StateStore passState;
  final RecordingNotifier notifier = new RecordingNotifier();
  final List<AppResult> heard = new CopyOnWriteArrayList<>();
  PassSettings settings = PassSettings.defaults(GROUP).build();

  PassFixture(Path root) {
    this.registry = new TestRegistry(root);
    this.source = new FakeRegistrySource(root, "rev-1");
    this.state = new InMemoryStateStore(clock);
    this.passState = state;
  }

  /** A fixture whose image registry holds {@code image} with {@code tags}: where most pass tests start. */
  static PassFixture withImage(Path root, String image, String... tags) {
    PassFixture fixture = new PassFixture(root);
    fixture.images.push(image, tags);
    return fixture;
  }

  /** Writes {@code yaml} to {@code stackPath} in the registry; returns this fixture. */
  PassFixture withStack(String stackPath, String yaml) {
    registry.write(stackPath, yaml);
    return this;
  }

  Ports ports() {
    return new Ports(source, clusters, images, secrets, orchestrator, passState, notifier);
  }

  PassReport run(PassMode mode) {
    return new Pass(ports(), settings, clock).run(mode, heard::add);
  }

  PassReport deploy() {
    return run(PassMode.DEPLOY);
  }

  static AppResult only(PassReport report, String stackPath) {
    return report.results().stream().filter(r -> r.target().stackPath().equals(stackPath)).findFirst().orElseThrow();
  }

  static Optional<String> some(String text) {
    return Optional.of(text);
  }
}

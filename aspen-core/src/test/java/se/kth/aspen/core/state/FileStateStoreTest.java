package se.kth.aspen.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

class FileStateStoreTest extends StateStoreContract {

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atFixedStart();

  @Override
  protected StateStore newStore() throws Exception {
    return FileStateStore.open(dir.resolve("state/aspen-state.json"), clock);
  }

  @Override
  protected void passTime(Duration duration) {
    clock.advance(duration);
  }

  private final TargetKey key = new TargetKey("grp", "active", "team/app/active/docker-stack.yml");
  private final DeployRecord good = new DeployRecord("fp-1", Instant.parse("2026-01-01T10:00:00Z"), Map.of("web", "r/app:1.0.0"), "rev");
  private final FailureRecord failed = new FailureRecord("fp-2", Instant.parse("2026-01-01T11:00:00Z"), "Verify", "web: rejected", 2);

  @Test
  void everythingButLeasesSurvivesAReopen() throws Exception {
    StateStore first = newStore();
    first.recordSuccess(key, good);
    first.recordFailure(key, failed);
    ErrorMark mark = new ErrorMark(key, "Verify");
    first.markErrorReported(mark, Instant.parse("2026-01-01T12:00:00Z"), Duration.ofHours(1));
    assertThat(first.tryLease(key, Duration.ofHours(1))).isPresent();

    FileStateStore second = FileStateStore.open(dir.resolve("state/aspen-state.json"), clock);

    assertThat(second.read(key)).isEqualTo(new TargetState(Optional.of(good), Optional.of(failed)));
    assertThat(second.errorReported(mark)).contains(Instant.parse("2026-01-01T12:00:00Z"));
    assertThat(second.tryLease(key, Duration.ofHours(1))).isPresent();
    assertThat(second.problems()).isEmpty();
  }

  @Test
  void aCorruptFileIsSetAsideAndReportedNeverSilentlyEmptied() throws Exception {
    Path file = dir.resolve("state/aspen-state.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"version\": 1, \"targets\": [ {\"group\": ", StandardCharsets.UTF_8);

    FileStateStore store = FileStateStore.open(file, clock);

    Path aside = file.resolveSibling("aspen-state.json.corrupt-20260101T000000Z");
    assertThat(aside).hasContent("{\"version\": 1, \"targets\": [ {\"group\": ");
    assertThat(store.problems()).singleElement().asString()
        .startsWith("state file " + file + " could not be read (not a state file: ")
        .endsWith("set aside as aspen-state.json.corrupt-20260101T000000Z, starting with no recorded deploys: every app deploys again");
    assertThat(store.count("grp")).isZero();
  }

  @Test
  void aFileOfAnotherVersionIsSetAsideToo() throws Exception {
    Path file = dir.resolve("state/aspen-state.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"version\": 99, \"targets\": [], \"marks\": []}");

    FileStateStore store = FileStateStore.open(file, clock);

    assertThat(store.problems()).singleElement().asString().contains("(not a state file of version 1)");
    assertThat(file.resolveSibling("aspen-state.json.corrupt-20260101T000000Z")).exists();
  }

  @Test
  void aRecordIsOnDiskWhenItsCallReturnsEvenWhenManyThreadsRecordAtOnce() throws Exception {
    StateStore store = newStore();
    Path file = dir.resolve("state/aspen-state.json");
    java.util.List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 200; i++) {
        TargetKey mine = new TargetKey("grp", "active", "team/app-" + i + "/active/docker-stack.yml");
        DeployRecord record = new DeployRecord("fp-" + i, good.at(), good.images(), "rev");
        writers.add(threads.submit(() -> {
          store.recordSuccess(mine, record);
          // What a restart right now would see.
          FileStateStore reopened = FileStateStore.open(file, clock);
          assertThat(reopened.read(mine).lastGood()).contains(record);
          return null;
        }));
      }
      for (var writer : writers) {
        writer.get();
      }
    }
    assertThat(FileStateStore.open(file, clock).count("grp")).isEqualTo(200);
  }

  @Test
  void writesLeaveNoTemporaryFileBehind() throws Exception {
    StateStore store = newStore();
    store.recordSuccess(key, good);

    try (var files = Files.list(dir.resolve("state"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("aspen-state.json");
    }
  }
}

package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.state.FileStateStore;

/** A deploy whose record cannot be written is not a success, and is done again once it can be. */
class UnwritableStateTest {

  private static final String STACK = "app-a/active/docker-stack.yml";
  private static final String IMAGE = "registry.example.org/app-a";

  @TempDir Path root;
  @TempDir Path stateDir;
  PassFixture f;
  FileStateStore store;

  @BeforeEach
  void registry() throws Exception {
    f = new PassFixture(root.resolve("registry"));
    f.images.push(IMAGE, "1.2.3_abc");
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.2.3_abc"));
    store = FileStateStore.open(stateDir.resolve("state").resolve("state.json"), f.clock);
    f.passState = store;
  }

  /** The state directory becomes a file: every write fails, as on a full or read-only disk. */
  private void breakWrites() throws Exception {
    Path dir = stateDir.resolve("state");
    Files.move(dir, stateDir.resolve("state.moved"));
    Files.writeString(dir, "not a directory");
  }

  private void repairWrites() throws Exception {
    Path dir = stateDir.resolve("state");
    Files.delete(dir);
    Files.move(stateDir.resolve("state.moved"), dir);
  }

  @Test
  void aDeployWhoseRecordCannotBeWrittenFailsInStepRecordAndIsDeployedAndRecordedOnceItCanBe() throws Exception {
    breakWrites();

    AppResult first = only(f.deploy(), STACK);

    assertThat(first.status()).isEqualTo(AppStatus.FAILED);
    assertThat(first.step()).contains("Record");
    assertThat(first.failure()).contains(FailureKind.COULD_NOT_TRY);
    assertThat(first.reason().orElseThrow()).startsWith("DEPLOYED_NOT_RECORDED: deployed and verified, but the record "
        + "could not be written");
    assertThat(f.orchestrator.deploys()).hasSize(1);
    TargetKey key = new TargetKey(PassFixture.GROUP, "active", STACK);
    assertThat(store.read(key)).as("the store answers what its file holds").isEqualTo(TargetState.NONE);

    AppResult stillBroken = only(f.deploy(), STACK);
    assertThat(stillBroken.status()).as("not UNCHANGED: nothing was recorded").isEqualTo(AppStatus.FAILED);

    repairWrites();
    AppResult again = only(f.deploy(), STACK);
    assertThat(again.status()).isEqualTo(AppStatus.DEPLOYED);
    assertThat(FileStateStore.open(stateDir.resolve("state").resolve("state.json"), f.clock).read(key).lastGood())
        .isPresent();
    assertThat(only(f.deploy(), STACK).status()).isEqualTo(AppStatus.UNCHANGED);
  }

  @Test
  void aRecordOnlyPassThatCannotWriteFailsInStepRecord() throws Exception {
    breakWrites();

    AppResult result = only(f.run(PassMode.RECORD_ONLY), STACK);

    assertThat(result.status()).isEqualTo(AppStatus.FAILED);
    assertThat(result.step()).contains("Record");
  }
}

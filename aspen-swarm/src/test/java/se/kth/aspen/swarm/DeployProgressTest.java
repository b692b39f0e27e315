package se.kth.aspen.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.UnreachableException;

/** A deploy that fails half-way reports every service it had already written, created ones included. */
class DeployProgressTest {

  private static DeployProgress createdDbUpdatedWeb() {
    DeployProgress progress = new DeployProgress();
    progress.applied("service app_db created");
    progress.created.add("db");
    progress.applied("service app_web updated");
    progress.updated.add("web");
    return progress;
  }

  @Test
  void aRefusalAfterServicesWereWrittenNamesTheCreatedAndTheUpdated() {
    var failed = createdDbUpdatedWeb().failed(new RefusedException("creating service app_worker: invalid mount config"));

    assertThat(failed).isInstanceOfSatisfying(RefusedException.class, e -> {
      assertThat(e.created()).containsExactly("db");
      assertThat(e.updated()).containsExactly("web");
      assertThat(e).hasMessageContaining("already applied: service app_db created, service app_web updated");
    });
  }

  @Test
  void aDeadlinePassedAfterAServiceWasCreatedNamesIt() {
    DeployProgress progress = new DeployProgress();
    progress.applied("service app_db created");
    progress.created.add("db");

    assertThat(progress.deadlinePassed("waiting for db")).isInstanceOfSatisfying(RefusedException.class, e -> {
      assertThat(e.created()).containsExactly("db");
      assertThat(e.updated()).isEmpty();
    });
  }

  @Test
  void aFailureBeforeAnythingWasWrittenIsPassedOnAsItIs() {
    var unreachable = new UnreachableException("connecting to the engine: refused");

    assertThat(new DeployProgress().failed(unreachable)).isSameAs(unreachable);
  }
}

package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kth.aspen.core.pass.PassFixture.only;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan names the waves a stack with depends_on is deployed in; a cycle is an invalid stack, deploying nothing. */
class OrderedPlanTest {

  static final String STACK = "app/active/docker-stack.yml";
  static final String IMAGE = "registry.example.org/app";

  @TempDir Path root;
  PassFixture f;

  @BeforeEach
  void setUp() {
    f = PassFixture.withImage(root, IMAGE, "1.0.0");
  }

  /** web and db, both compliant; web's extra lines (indented four spaces) say what it depends on. */
  private static String twoServices(String webDependsOn, String dbDependsOn) {
    String web = TestRegistry.stack(IMAGE + ":1.0.0", "", webDependsOn);
    String body = web.substring(web.indexOf("  web:\n"));
    return web + body.replace("  web:\n", "  db:\n").replace(webDependsOn, dbDependsOn);
  }

  @Test
  void thePlanOfAStackWithDependsOnShowsItsWaves() {
    f.registry.write(STACK, twoServices("    depends_on:\n      db: {condition: service_healthy}\n", ""));

    AppResult planned = only(f.run(PassMode.PLAN), STACK);

    assertThat(planned.status()).as(planned.toString()).isEqualTo(AppStatus.CHANGED);
    assertThat(planned.reason()).contains("deploy order: db → web");
  }

  @Test
  void thePlanOfAStackWithoutDependsOnSaysNothingOfOrder() {
    f.registry.write(STACK, TestRegistry.stack(IMAGE + ":1.0.0"));

    assertThat(only(f.run(PassMode.PLAN), STACK).reason()).isEmpty();
  }

  @Test
  void aCycleIsInvalidInThePlanAndInThePassAndNothingIsDeployed() {
    f.registry.write(STACK, twoServices("    depends_on: [db]\n", "    depends_on: [web]\n"));

    AppResult planned = only(f.run(PassMode.PLAN), STACK);
    AppResult deployed = only(f.deploy(), STACK);

    for (AppResult result : java.util.List.of(planned, deployed)) {
      assertThat(result.status()).isEqualTo(AppStatus.FAILED);
      assertThat(result.reason().orElseThrow()).contains(STACK + ":").contains("depends_on forms a cycle: web → db → web");
    }
    assertThat(f.orchestrator.changes()).isZero();
  }
}

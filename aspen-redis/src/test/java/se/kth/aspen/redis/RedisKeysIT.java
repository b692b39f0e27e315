package se.kth.aspen.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;

/** The documented key scheme, as an operator sees it in redis-cli, and SCAN over thousands of keys. */
class RedisKeysIT {

  private static final DeployRecord GOOD = new DeployRecord(
      "fp-1", Instant.parse("2026-01-01T10:00:00.123456789Z"), Map.of("web", "127.0.0.1:5000/busybox:1.2.3_def"), "rev-1");
  private static final FailureRecord FAILED =
      new FailureRecord("fp-2", Instant.parse("2026-01-01T11:00:00Z"), "Verify", "web: rejected", 2);

  private final String group = SharedRedis.uniqueGroup("keys");
  private final List<String> otherGroups = new java.util.ArrayList<>();
  private RedisStateStore store;

  @BeforeEach
  void connect() {
    store = RedisStateStore.connect(SharedRedis.url(), Duration.ofSeconds(2));
  }

  @AfterEach
  void removeKeys() {
    SharedRedis.removeGroup(group);
    otherGroups.forEach(SharedRedis::removeGroup);
    store.close();
  }

  private TargetKey target(String cluster, String app) {
    return new TargetKey(group, cluster, "team/" + app + "/" + cluster + "/docker-stack.yml");
  }

  @Test
  void anUnchangedStateIsNotDecodedAgainAndAChangeByAnotherRunnerIsSeen() throws Exception {
    TargetKey target = target("active", "app");
    store.recordSuccess(target, GOOD);
    TargetState first = store.readAll(List.of(target)).get(target);

    assertThat(store.readAll(List.of(target)).get(target)).isSameAs(first);
    assertThat(store.read(target)).isSameAs(first);

    DeployRecord newer = new DeployRecord("fp-3", GOOD.at().plusSeconds(60), GOOD.images(), "rev-2");
    try (RedisStateStore other = RedisStateStore.connect(SharedRedis.url(), Duration.ofSeconds(2))) {
      other.recordFailure(target, FAILED);
      assertThat(store.readAll(List.of(target)).get(target)).isEqualTo(new TargetState(Optional.of(GOOD), Optional.of(FAILED)));
      other.recordSuccess(target, newer);
    }
    assertThat(store.read(target)).isEqualTo(new TargetState(Optional.of(newer), Optional.empty()));
    try (Jedis jedis = SharedRedis.direct()) {
      jedis.hset("aspen:" + group + ":target:active:team/app/active/docker-stack.yml", "good", "{garbled");
    }
    assertThat(store.readAll(List.of(target))).doesNotContainKey(target);
  }

  @Test
  void aTargetIsOneReadableHashUnderTheDocumentedKey() throws Exception {
    store.recordSuccess(target("active", "app"), GOOD);
    store.recordFailure(target("active", "app"), FAILED);

    try (Jedis jedis = SharedRedis.direct()) {
      Map<String, String> hash = jedis.hgetAll("aspen:" + group + ":target:active:team/app/active/docker-stack.yml");
      assertThat(hash).containsOnlyKeys("good", "failed");
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(hash.get("good"))).isEqualTo(json.readTree("""
          {"fingerprint":"fp-1","at":"2026-01-01T10:00:00.123456789Z",
           "images":{"web":"127.0.0.1:5000/busybox:1.2.3_def"},"revision":"rev-1"}"""));
      assertThat(json.readTree(hash.get("failed"))).isEqualTo(json.readTree("""
          {"fingerprint":"fp-2","since":"2026-01-01T11:00:00Z","step":"Verify","reason":"web: rejected","attempts":2}"""));
    }
  }

  @Test
  void readingManyTargetsAtOnceLeavesOutAnUndecodableRecordForItsOwnReadToReport() throws Exception {
    store.recordSuccess(target("active", "fine"), GOOD);
    try (Jedis jedis = SharedRedis.direct()) {
      jedis.hset("aspen:" + group + ":target:active:team/broken/active/docker-stack.yml", "good", "not json");
    }

    assertThat(store.readAll(List.of(target("active", "fine"), target("active", "broken"))))
        .containsOnlyKeys(target("active", "fine"));
    assertThatThrownBy(() -> store.read(target("active", "broken")))
        .hasMessageContaining("team/broken/active/docker-stack.yml")
        .hasMessageContaining("forget the target to start afresh");
  }

  @Test
  void readingThousandsOfTargetsAtOnceGivesEveryOne() throws Exception {
    List<TargetKey> targets = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      targets.add(target("active", "app" + i));
    }
    store.recordSuccess(targets.get(1_234), GOOD);

    Map<TargetKey, TargetState> states = store.readAll(targets);

    assertThat(states).hasSize(2_000);
    assertThat(states.get(targets.get(1_234)).lastGood()).contains(GOOD);
    assertThat(states.get(targets.get(0))).isEqualTo(TargetState.NONE);
  }

  @Test
  void errorMarksAndLeasesAreExpiringStringsUnderTheDocumentedKeys() throws Exception {
    store.markErrorReported(new ErrorMark(target("active", "app"), "Verify"), Instant.parse("2026-01-01T12:00:00Z"),
        Duration.ofMinutes(10));
    assertThat(store.tryLease(target("active", "app"), Duration.ofMinutes(1))).isPresent();
    assertThat(store.as("aspen-2").tryLease(target("stage", "app"), Duration.ofMinutes(1))).isPresent();

    try (Jedis jedis = SharedRedis.direct()) {
      String mark = "aspen:" + group + ":error:active:Verify:team/app/active/docker-stack.yml";
      String lease = "aspen:" + group + ":lease:active:team/app/active/docker-stack.yml";
      assertThat(jedis.get(mark)).isEqualTo("2026-01-01T12:00:00Z");
      assertThat(jedis.pttl(mark)).isBetween(1L, Duration.ofMinutes(10).toMillis());
      assertThat(jedis.get(lease)).matches("[0-9a-f]{32} \\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
      assertThat(jedis.pttl(lease)).isBetween(1L, Duration.ofMinutes(1).toMillis());
      assertThat(jedis.get("aspen:" + group + ":lease:stage:team/app/stage/docker-stack.yml"))
          .matches("[0-9a-f]{32} \\S+Z aspen-2");
    }
  }

  @Test
  void thousandsOfTargetsAreCountedAndForgottenByCluster() throws Exception {
    for (int i = 0; i < 2000; i++) {
      store.recordSuccess(target("active", "app-" + i), GOOD);
    }
    for (int i = 0; i < 1500; i++) {
      store.recordFailure(target("stage", "app-" + i), FAILED);
    }

    assertThat(store.count(group)).isEqualTo(3500);
    assertThat(store.forgetCluster(group, "active")).isEqualTo(2000);
    assertThat(store.count(group)).isEqualTo(1500);
    assertThat(store.read(target("active", "app-7")).lastGood()).isEmpty();
    assertThat(store.read(target("stage", "app-7")).lastFailed()).contains(FAILED);
    assertThat(store.forgetCluster(group, "active")).isZero();
  }

  @Test
  void globCharactersInAGroupMatchOnlyThemselves() throws Exception {
    String starGroup = group + "-g*";
    String plainGroup = group + "-gx";
    otherGroups.addAll(List.of(starGroup, plainGroup));
    store.recordSuccess(new TargetKey(starGroup, "active", "a.yml"), GOOD);
    store.recordSuccess(new TargetKey(plainGroup, "active", "a.yml"), GOOD);
    store.recordSuccess(new TargetKey(plainGroup, "active", "b.yml"), GOOD);

    assertThat(store.count(starGroup)).isEqualTo(1);
    assertThat(store.forgetCluster(starGroup, "active")).isEqualTo(1);
    assertThat(store.count(plainGroup)).isEqualTo(2);
  }

  @Test
  void aColonInAClusterNameDoesNotMakeItAPrefixOfAnother() throws Exception {
    store.recordSuccess(new TargetKey(group, "a", "x.yml"), GOOD);
    store.recordSuccess(new TargetKey(group, "a:b", "x.yml"), GOOD);

    assertThat(store.forgetCluster(group, "a")).isEqualTo(1);
    assertThat(store.read(new TargetKey(group, "a:b", "x.yml")).lastGood()).contains(GOOD);
  }

  @Test
  void clearingErrorMarksLeavesATargetWhosePathEndsTheSame() throws Exception {
    TargetKey shortPath = new TargetKey(group, "active", "x.yml");
    TargetKey longerPath = new TargetKey(group, "active", "y:x.yml");
    Instant at = Instant.parse("2026-01-01T12:00:00Z");
    store.markErrorReported(new ErrorMark(shortPath, "Deploy"), at, Duration.ofMinutes(5));
    store.markErrorReported(new ErrorMark(longerPath, "Deploy"), at, Duration.ofMinutes(5));

    store.clearErrorMarks(shortPath);

    assertThat(store.errorReported(new ErrorMark(shortPath, "Deploy"))).isEmpty();
    assertThat(store.errorReported(new ErrorMark(longerPath, "Deploy"))).contains(at);
  }

  @Test
  void thousandsOfErrorMarksExpireOnTheirOwn() throws Exception {
    for (int i = 0; i < 1000; i++) {
      store.markErrorReported(new ErrorMark(target("active", "app-" + i), "Verify"), Instant.EPOCH, Duration.ofMillis(500));
    }
    ErrorMark last = new ErrorMark(target("active", "app-999"), "Verify");

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> store.errorReported(last).equals(Optional.empty()));
    try (Jedis jedis = SharedRedis.direct()) {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> jedis.scan("0", new redis.clients.jedis.params.ScanParams()
              .match(KeyScheme.startingWith("aspen:" + group + ":error:")).count(10_000)).getResult().isEmpty());
    }
  }
}

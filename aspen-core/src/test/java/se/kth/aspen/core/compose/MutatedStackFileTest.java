package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of small corruptions of a real stack file (characters deleted, duplicated or
 * replaced by YAML's special characters): each is read fine or fails with a StackFileException
 * naming the file; no other exception ever escapes.
 */
class MutatedStackFileTest {

  static final String STACK = """
      version: "3.8"
      x-defaults: &defaults
        logging: {options: {max-size: 10m, max-file: "3"}}
      services:
        web:
          <<: *defaults
          image: 127.0.0.1:5000/busybox:${TAG}
          command: httpd -f -p "8080"
          environment:
            TAG: "~1.2.0"
            NAME: ${APPLICATION_NAME:-app}
          ports: ["18080:8080", {target: 9000, published: 19000, mode: host}]
          volumes: [data:/data, ./conf/app.yml:/etc/app.yml:ro]
          networks: {front: {aliases: [www]}}
          secrets: [{source: db, mode: 0400}]
          healthcheck: {test: [CMD, wget, -q, localhost], interval: 2s}
          ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}
          deploy:
            replicas: 2
            labels: [traefik.frontend.rule=PathPrefix:/app]
            resources: {limits: {cpus: "0.5", memory: 64M}}
            restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3}
      networks: {front: {driver: overlay}}
      volumes: {data: {}}
      secrets: {db: {file: ./db.txt}}
      """;

  static final String SPECIALS = "{}[]:,&*!|>'\"%@`#-?$\\\n\t ~<=.0";

  @TempDir Path dir;

  @Test
  void everyCorruptionIsReadOrRefusedWithAStackFileException() throws Exception {
    StackFiles files = new StackFiles(dir);
    assertThat(files.model(STACK, Map.of("TAG", "1.2.4")).services()).containsKey("web");
    Random random = new Random(20261125);
    List<String> escaped = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 1_000; i++) {
      String mutated = mutate(STACK, random);
      try {
        files.model(mutated, Map.of("TAG", "1.2.4"));
      } catch (StackFileException e) {
        refused++;
        assertThat(e.getMessage()).startsWith(StackFiles.FILE + ":");
      } catch (RuntimeException e) {
        escaped.add(e + " for:\n" + mutated);
      }
    }
    assertThat(escaped).isEmpty();
    assertThat(refused).isGreaterThan(50);
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, out.charAt(at));
        default -> out.setCharAt(at, SPECIALS.charAt(random.nextInt(SPECIALS.length())));
      }
    }
    return out.toString();
  }
}

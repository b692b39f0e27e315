package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConversionTest {

  @TempDir Path dir;
  StackFiles files;

  @BeforeEach
  void setUp() {
    files = new StackFiles(dir);
  }

  @Test
  void labelsAndEnvironmentMayBeMapsOrLists() throws Exception {
    ServiceSpec asMaps = files.web("""
            labels:
              se.kth.team: "web"
              empty:
            environment:
              A: "1"
              NUM: 5
              BARE:
        """);
    ServiceSpec asLists = files.web("""
            labels:
              - se.kth.team=web
              - empty
            environment:
              - A=1
              - NUM=5
              - BARE
        """);
    for (ServiceSpec web : List.of(asMaps, asLists)) {
      assertThat(web.labels()).isEqualTo(Map.of("se.kth.team", "web", "empty", ""));
      assertThat(web.environment()).containsExactly(
          Map.entry("A", Optional.of("1")), Map.entry("NUM", Optional.of("5")), Map.entry("BARE", Optional.empty()));
    }
  }

  @Test
  void anEnvironmentValueKeepsEverythingAfterTheFirstEquals() throws Exception {
    assertThat(files.web("    environment:\n      - EQ=a=b\n").environment()).containsEntry("EQ", Optional.of("a=b"));
  }

  @Test
  void commandAndEntrypointStringsAreSplitShellStyleAndListsKeptAsWritten() throws Exception {
    ServiceSpec web = files.web("""
            command: echo "hello world" && sleep 1d
            entrypoint: ["/bin/sh", "-c", "a b"]
        """);
    assertThat(web.command()).contains(List.of("echo", "hello world", "&&", "sleep", "1d"));
    assertThat(web.entrypoint()).contains(List.of("/bin/sh", "-c", "a b"));
    assertThat(files.web("").command()).isEmpty();
  }

  @Test
  void deployIsConvertedWithItsUnits() throws Exception {
    DeploySpec deploy = files.web("""
            deploy:
              mode: replicated
              replicas: 3
              endpoint_mode: dnsrr
              labels: [traefik.enable=true]
              resources:
                limits: {cpus: "0.5", memory: 64M}
                reservations: {cpus: "0.001", memory: 1g}
              restart_policy: {condition: on-failure, delay: 3s, max_attempts: 4, window: 30s}
              update_config: {parallelism: 2, delay: 1s, failure_action: rollback, monitor: 2s, max_failure_ratio: 0.3, order: start-first}
              rollback_config: {parallelism: 0}
              placement:
                constraints: [node.role == manager]
                preferences: [{spread: node.labels.zone}]
                max_replicas_per_node: 2
        """).deploy().orElseThrow();
    assertThat(deploy.mode()).contains("replicated");
    assertThat(deploy.replicas()).contains(3);
    assertThat(deploy.endpointMode()).contains("dnsrr");
    assertThat(deploy.labels()).isEqualTo(Map.of("traefik.enable", "true"));
    assertThat(deploy.resources()).contains(new ResourcesSpec(
        Optional.of(new ResourcesSpec.ResourceValues(Optional.of(500_000_000L), Optional.of(67_108_864L), Optional.empty())),
        Optional.of(new ResourcesSpec.ResourceValues(Optional.of(1_000_000L), Optional.of(1_073_741_824L), Optional.empty()))));
    assertThat(deploy.restartPolicy()).contains(new RestartPolicySpec(
        Optional.of("on-failure"), Optional.of(Duration.ofSeconds(3)), Optional.of(4), Optional.of(Duration.ofSeconds(30))));
    assertThat(deploy.updateConfig()).contains(new UpdateConfigSpec(Optional.of(2), Optional.of(Duration.ofSeconds(1)),
        Optional.of("rollback"), Optional.of(Duration.ofSeconds(2)), Optional.of(0.3), Optional.of("start-first")));
    assertThat(deploy.rollbackConfig()).contains(new UpdateConfigSpec(Optional.of(0), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(deploy.placement()).contains(new PlacementSpec(List.of("node.role == manager"),
        List.of("node.labels.zone"), Optional.of(2)));
  }

  @Test
  void replicasWithGlobalModeIsAnError() {
    assertThatThrownBy(() -> files.web("    deploy:\n      mode: global\n      replicas: 2\n"))
        .hasMessage("team/app/active/docker-stack.yml:7: service web: replicas can only be used with replicated mode");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "deploy:\\n  replicas: -1                | 6 | deploy.replicas must not be negative, got -1",
      "deploy:\\n  mode: everywhere            | 6 | deploy.mode must be one of global, global-job, replicated, replicated-job, got \"everywhere\"",
      "deploy:\\n  resources:\\n    limits: {memory: lots} | 7 | deploy.resources.limits.memory must be a size such as 512M or 1g, got \"lots\"",
      "deploy:\\n  resources:\\n    limits: {cpus: half}   | 7 | deploy.resources.limits.cpus must be a number of CPUs such as 0.5, got \"half\"",
      "deploy:\\n  restart_policy: {delay: 5}   | 6 | deploy.restart_policy.delay must be a duration such as 10s or 1m30s, got \"5\"",
      "deploy:\\n  restart_policy: {condition: sometimes} | 6 | deploy.restart_policy.condition must be one of any, none, on-failure, got \"sometimes\"",
      "deploy:\\n  replicas: [1]               | 6 | deploy.replicas must be a string, number or boolean, got a list",
      "deploy: [1]                                 | 5 | deploy must be a mapping, got a list",
      "deploy:\\n  replica: 2                  | 6 | unknown key \"replica\" in deploy (allowed: endpoint_mode, labels, mode, placement, replicas, resources, restart_policy, rollback_config, update_config)",
      "deploy:\\n  resources:\\n    limits: {cpus: 1e-2147483647} | 7 | deploy.resources.limits.cpus must be a number of CPUs such as 0.5, got \"1e-2147483647\"",
      "init: maybe                                 | 5 | init must be true or false, got \"maybe\"",
      "stop_grace_period: long                     | 5 | stop_grace_period must be a duration such as 10s or 1m30s, got \"long\"",
      "command: echo \"open                         | 5 | command has an unterminated double quote",
      "healthcheck:\\n  test: [RUN, x]          | 6 | healthcheck.test must start with CMD, CMD-SHELL or NONE, got \"RUN\"",
      "ulimits:\\n  nofile: {soft: 1}         | 6 | ulimits.nofile needs soft and hard",
      "secrets: [{target: x}]                      | 5 | secrets entries need a source",
      "networks: [front]                           | 5 | network \"front\" is not declared in the top-level networks",
      "secrets: [db]                               | 5 | secret \"db\" is not declared in the top-level secrets",
      "configs: [conf]                             | 5 | config \"conf\" is not declared in the top-level configs",
      "labels: oops                                | 5 | labels must be a mapping or a list of NAME=value, got a string",
      "environment:\\n  - =x                  | 6 | environment has an entry without a name: \"=x\"",
      "colour: blue                                | 5 | unknown key \"colour\"",
      "mem_limit: 1g                               | 5 | the stack file contains options docker stack deploy refuses: mem_limit: set resource limits with deploy.resources",
  })
  void wrongValuesNameTheKeyTheLineAndTheService(String lines, int line, String detail) {
    assertThatThrownBy(() -> files.web("    " + lines.replace("\\n", "\n    ") + "\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":" + line + ": service web: " + detail);
  }

  @Test
  void healthcheckTestFormsBecomeWhatTheEngineTakes() throws Exception {
    assertThat(files.web("""
            healthcheck:
              test: [CMD, wget, -q, localhost:8080]
              interval: 2s
              timeout: 1s
              retries: 3
              start_period: 1s
        """).healthcheck()).contains(new HealthcheckSpec(List.of("CMD", "wget", "-q", "localhost:8080"),
        Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(1)), Optional.of(3), Optional.of(Duration.ofSeconds(1))));
    assertThat(files.web("    healthcheck:\n      test: wget -q localhost\n").healthcheck().orElseThrow().test())
        .containsExactly("CMD-SHELL", "wget -q localhost");
    assertThat(files.web("    healthcheck:\n      disable: true\n").healthcheck().orElseThrow().test())
        .containsExactly("NONE");
  }

  @Test
  void theRestOfTheServiceKeys() throws Exception {
    ServiceSpec web = files.web("""
            user: "1000:1000"
            working_dir: /srv
            hostname: "{{.Service.Name}}-{{.Task.Slot}}"
            extra_hosts: ["somehost:10.1.2.3"]
            dns: 10.0.0.2
            dns_search: [kth.se]
            stop_grace_period: 1m30s
            stop_signal: SIGINT
            init: true
            read_only: yes
            tty: false
            cap_add: [NET_ADMIN]
            cap_drop: [MKNOD]
            sysctls: {net.core.somaxconn: 1024}
            ulimits:
              nproc: 512
              nofile: {soft: 1024, hard: 2048}
            logging:
              driver: json-file
              options: {max-size: 10m, max-file: 3}
            env_file: [common.env, secrets.decrypted.env]
        """);
    assertThat(web.user()).contains("1000:1000");
    assertThat(web.workingDir()).contains("/srv");
    assertThat(web.hostname()).contains("{{.Service.Name}}-{{.Task.Slot}}");
    assertThat(web.extraHosts()).containsExactly("somehost:10.1.2.3");
    assertThat(web.dns()).containsExactly("10.0.0.2");
    assertThat(web.dnsSearch()).containsExactly("kth.se");
    assertThat(web.stopGracePeriod()).contains(Duration.ofSeconds(90));
    assertThat(web.stopSignal()).contains("SIGINT");
    assertThat(web.init()).contains(true);
    assertThat(web.readOnly()).contains(true);
    assertThat(web.tty()).contains(false);
    assertThat(web.stdinOpen()).isEmpty();
    assertThat(web.capAdd()).containsExactly("NET_ADMIN");
    assertThat(web.capDrop()).containsExactly("MKNOD");
    assertThat(web.sysctls()).isEqualTo(Map.of("net.core.somaxconn", "1024"));
    assertThat(web.ulimits()).containsExactly(new Ulimit("nofile", 1024, 2048), new Ulimit("nproc", 512, 512));
    assertThat(web.logging()).contains(new LoggingSpec(Optional.of("json-file"), Map.of("max-size", "10m", "max-file", "3")));
    assertThat(web.envFiles()).containsExactly("common.env", "secrets.decrypted.env");
  }

  @Test
  void extraHostsAsAMapAreWrittenHostColonIpSortedAsTheCliSortsThem() throws Exception {
    assertThat(files.web("    extra_hosts:\n      somehost: 10.1.2.3\n").extraHosts()).containsExactly("somehost:10.1.2.3");
    StackModel model = files.model(StackFiles.service("    extra_hosts:\n      zeta: 10.1.2.9\n      alpha: 10.1.2.1\n      noaddress:\n"));
    assertThat(model.services().get("web").extraHosts()).containsExactly("alpha:10.1.2.1", "zeta:10.1.2.9");
    assertThat(model.warnings()).extracting(w -> w.in(model.file())).containsExactly(StackFiles.FILE
        + ":8: service web: extra_hosts: \"noaddress\" has no address and is dropped, as docker stack deploy drops it");
  }

  @Test
  void extraHostsEntriesWithoutASeparatorAreDroppedAsTheCliDropsThemWithAWarningAtTheirLine() throws Exception {
    StackModel model = files.model(StackFiles.service("""
            extra_hosts:
              - "somehost:10.1.2.3"
              - nocolon
              - ""
              - "other=10.1.2.4"
              - ":10.1.2.5"
        """));
    assertThat(model.services().get("web").extraHosts()).containsExactly("somehost:10.1.2.3", "other=10.1.2.4", ":10.1.2.5");
    assertThat(model.warnings()).extracting(w -> w.in(model.file())).containsExactly(
        StackFiles.FILE + ":7: service web: extra_hosts entry \"nocolon\" is not HOST:IP and is dropped, as docker stack deploy drops it",
        StackFiles.FILE + ":8: service web: extra_hosts entry \"\" is not HOST:IP and is dropped, as docker stack deploy drops it");
  }

  @Test
  void networksSecretsAndConfigsAreReferencedByKey() throws Exception {
    StackModel model = files.model("""
        version: "3.8"
        services:
          web:
            image: 127.0.0.1:5000/busybox:1.2.3
            networks:
              front: {aliases: [www]}
              default:
            secrets:
              - db
              - {source: api, target: api.key, uid: "1000", gid: "1000", mode: 0400}
            configs: [conf]
        networks:
          front:
            driver: overlay
            attachable: true
            labels: [a=b]
            ipam:
              config: [{subnet: 10.9.0.0/24}]
          outside:
            external: true
            name: the-outside
        volumes:
          data:
            driver_opts: {type: nfs}
        secrets:
          db: {file: ./db.txt}
          api: {external: true}
        configs:
          conf: {file: conf/app.yml, labels: {x: y}}
        """);
    ServiceSpec web = model.services().get("web");
    assertThat(web.networks()).containsExactly(new NetworkAttachment("front", List.of("www")),
        new NetworkAttachment("default", List.of()));
    assertThat(web.secrets()).containsExactly(
        new FileReference("db", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
        new FileReference("api", Optional.of("api.key"), Optional.of("1000"), Optional.of("1000"), Optional.of(256)));
    assertThat(model.networks().get("front")).isEqualTo(new NetworkSpec(Optional.empty(), false, Optional.of("overlay"),
        Map.of(), false, true, Map.of("a", "b"), Optional.empty(), List.of("10.9.0.0/24")));
    assertThat(model.networks().get("outside").external()).isTrue();
    assertThat(model.networks().get("outside").name()).contains("the-outside");
    assertThat(model.volumes().get("data").driverOpts()).isEqualTo(Map.of("type", "nfs"));
    assertThat(model.secrets().get("db").file()).contains("./db.txt");
    assertThat(model.secrets().get("api").external()).isTrue();
    assertThat(model.configs().get("conf").labels()).isEqualTo(Map.of("x", "y"));
  }

  @Test
  void aSecretFileOutsideTheDirectoryIsRefused() {
    assertThatThrownBy(() -> files.model("""
        services:
          web: {image: "a:1"}
        secrets:
          db: {file: /etc/shadow}
        """)).hasMessage(StackFiles.FILE + ":4: secrets.db.file: path \"/etc/shadow\" is absolute; "
            + "write it relative to the stack file's directory and keep the file there");
  }

  @Test
  void mergeKeysAndAnchorsShareDefaults() throws Exception {
    StackModel model = files.model("""
        x-defaults: &defaults
          image: 127.0.0.1:5000/busybox:1.0.0_abc
          deploy: {replicas: 2}
        services:
          a:
            <<: *defaults
          b:
            <<: *defaults
            deploy: {replicas: 3}
        """);
    assertThat(model.services().get("a").deploy().orElseThrow().replicas()).contains(2);
    assertThat(model.services().get("b").deploy().orElseThrow().replicas()).contains(3);
    assertThat(model.services().get("b").image()).isEqualTo("127.0.0.1:5000/busybox:1.0.0_abc");
  }

  @Test
  void aListOfMergesLetsTheFirstMappingWin() throws Exception {
    StackModel model = files.model("""
        x-a: &a {image: "r.org/a:1", user: alice}
        x-b: &b {image: "r.org/b:2", hostname: bee}
        services:
          web:
            <<: [*a, *b]
            user: root
        """);
    ServiceSpec web = model.services().get("web");
    assertThat(web.image()).isEqualTo("r.org/a:1");
    assertThat(web.user()).contains("root");
    assertThat(web.hostname()).contains("bee");
  }
}

package se.kth.aspen.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A docker-stack.yml that passes every default policy (README.md, "Policies"), with short grace periods so the
 * swarm updates and removes it quickly; each piece can be changed for one scenario.
 */
final class StackFile {

  /** One service of the stack. */
  static final class Service {
    final String name;
    String image = "127.0.0.1:5000/busybox:${WEB_VERSION}";
    String range = "~1.2.0";
    String command;
    String memoryReservation = "8M";
    String failureAction;
    boolean withResources = true;
    String secretsReference;
    String healthcheck;
    boolean job;
    final Map<String, String> dependsOn = new LinkedHashMap<>();
    final Map<String, String> environment = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();

    Service(String name) {
      this.name = name;
    }

    Service image(String value) { this.image = value; return this; }
    Service range(String value) { this.range = value; return this; }
    Service command(String value) { this.command = value; return this; }
    Service memoryReservation(String value) { this.memoryReservation = value; return this; }
    Service failureAction(String value) { this.failureAction = value; return this; }
    Service withoutResources() { this.withResources = false; return this; }
    Service withSecrets() { return withSecrets("secrets.decrypted.env"); }
    /** Secrets through {@code env_file}, the reference written as given ({@code ./secrets.decrypted.env}...). */
    Service withSecrets(String reference) { this.secretsReference = reference; return this; }
    Service env(String key, String value) { environment.put(key, value); return this; }
    Service label(String key, String value) { labels.put(key, value); return this; }
    /** A replicated job: it runs to completion once per change, never restarted. */
    Service job() { this.job = true; return this; }
    /** {@code depends_on} in the long form: {@code condition} is {@code service_healthy} and the like. */
    Service dependsOn(String service, String condition) { dependsOn.put(service, condition); return this; }
    /** A health check that runs {@code shellTest} every second, its failures not counted for a minute. */
    Service healthcheck(String shellTest) { this.healthcheck = shellTest; return this; }
  }

  private final List<Service> services = new ArrayList<>();

  static StackFile web() {
    StackFile stack = new StackFile();
    stack.services.add(new Service("web"));
    return stack;
  }

  StackFile add(Service service) {
    services.add(service);
    return this;
  }

  Service service(String name) {
    return services.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  String yaml() {
    StringBuilder y = new StringBuilder("version: \"3.8\"\nservices:\n");
    for (Service s : services) {
      y.append("  ").append(s.name).append(":\n");
      y.append("    image: ").append(s.image).append('\n');
      if (s.command != null) {
        y.append("    command: [\"sh\", \"-c\", \"").append(s.command).append("\"]\n");
      }
      if (s.secretsReference != null) {
        y.append("    env_file:\n      - ").append(s.secretsReference).append("\n");
      }
      y.append("    environment:\n");
      if (s.image.contains("${WEB_VERSION}")) {
        y.append("      WEB_VERSION: \"").append(s.range).append("\"\n");
      }
      y.append("      CLUSTER_SEEN: \"${PORTILLO_CLUSTER}\"\n");
      s.environment.forEach((k, v) -> y.append("      ").append(k).append(": \"").append(v).append("\"\n"));
      if (!s.dependsOn.isEmpty()) {
        y.append("    depends_on:\n");
        s.dependsOn.forEach((service, condition) -> y.append("      ").append(service).append(":\n        condition: ")
            .append(condition).append('\n'));
      }
      if (s.healthcheck != null) {
        y.append("    healthcheck:\n      test: [\"CMD-SHELL\", \"").append(s.healthcheck)
            .append("\"]\n      interval: 1s\n      start_period: 60s\n");
      }
      y.append("    stop_grace_period: 1s\n");
      y.append("    logging:\n      driver: json-file\n      options:\n        max-size: \"1m\"\n        max-file: \"2\"\n");
      y.append("    deploy:\n").append(s.job ? "      mode: replicated-job\n" : "      replicas: 1\n");
      y.append("      restart_policy:\n        condition: ").append(s.job ? "none" : "on-failure")
          .append("\n        delay: 1s\n        max_attempts: 3\n");
      if (s.withResources) {
        y.append("      resources:\n        limits:\n          cpus: \"0.20\"\n          memory: 32M\n");
        y.append("        reservations:\n          cpus: \"0.01\"\n          memory: ").append(s.memoryReservation).append('\n');
      }
      if (s.failureAction != null) {
        y.append("      update_config:\n        parallelism: 1\n        delay: 0s\n        monitor: 3s\n        failure_action: ")
            .append(s.failureAction).append('\n');
        y.append("      rollback_config:\n        parallelism: 1\n        monitor: 1s\n");
      }
      y.append("      labels:\n");
      y.append("        traefik.frontend.rule: \"PathPrefix:/").append(s.name).append("/\"\n");
      s.labels.forEach((k, v) -> y.append("        ").append(k).append(": \"").append(v).append("\"\n"));
    }
    return y.toString();
  }
}

package se.kth.aspen.core.testenv;

/** Stack files on the test registry (see {@link TestEnvironment}) for the tests of every module that deploys. */
public final class TestStacks {

  /** One service on a range of the test registry's busybox, meeting every deployment policy. */
  public static final String COMPLIANT = """
      services:
        web:
          image: 127.0.0.1:5000/busybox:${WEB_VERSION}
          environment:
            WEB_VERSION: "~1.2.0"
          deploy:
            replicas: 1
            restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3}
            resources:
              limits: {cpus: "0.25", memory: 32M}
              reservations: {cpus: "0.05", memory: 8M}
          logging:
            options: {max-size: 10m, max-file: "3"}
      """;

  private TestStacks() {}

  /** {@link #COMPLIANT} with a front-end rule label on its service. */
  public static String withFrontEndRule(String rule) {
    return COMPLIANT.replace("      replicas: 1\n",
        "      replicas: 1\n      labels:\n        - traefik.frontend.rule=" + rule + "\n");
  }
}

// Writes an application registry of N apps for bench/e2e.sh: run as a single-file program
// with the runner jar on the class path (it uses aspen-vault's AnsibleVault to vault secrets):
//   java -cp aspen-runner/target/aspen.jar bench/GenerateRegistry.java OUT N PREFIX [SECRET_EVERY [HOST]]
// OUT/registry: the apps (half on a semver range of 127.0.0.1:5000/busybox, or with HOST of a
// repository of their own, HOST/bench/<app>; half on a static tag; every SECRET_EVERY-th app (10)
// with a vaulted secrets.env); OUT/keys: the master
// password file and the vaulted passwords file. OUT/registry is left for the caller to commit.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import se.kth.aspen.vault.AnsibleVault;

public class GenerateRegistry {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    String prefix = args[2];
    int secretEvery = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    String ownRepositoriesHost = args.length > 4 ? args[4] : null;
    AnsibleVault vault = new AnsibleVault();
    byte[] master = "bench-master-password".getBytes(StandardCharsets.US_ASCII);
    Path keys = Files.createDirectories(out.resolve("keys"));
    Files.writeString(keys.resolve("master"), "bench-master-password\n");
    StringBuilder passwords = new StringBuilder("passwords:\n");
    for (int i = 0; i < n; i++) {
      String app = String.format("%s%04d", prefix, i);
      boolean secrets = i % secretEvery == 0;
      boolean ranged = i % 2 == 0;
      Path dir = Files.createDirectories(out.resolve("registry").resolve("team-" + (i % 10)).resolve(app).resolve("active"));
      Files.writeString(dir.resolve("docker-stack.yml"), stack(app, ranged, secrets, ownRepositoriesHost));
      if (secrets) {
        String password = "pwd-" + app;
        passwords.append("  ").append(app).append(": ").append(password).append('\n');
        Files.write(dir.resolve("secrets.env"), vault.encrypt(
            ("DB_URL=postgres://db/" + app + "\nDB_PASSWORD=secret-" + app + "\n").getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.US_ASCII)));
      }
    }
    Files.write(keys.resolve("passwords.yml"), vault.encrypt(passwords.toString().getBytes(StandardCharsets.UTF_8), master));
  }

  static String stack(String app, boolean ranged, boolean secrets, String ownRepositoriesHost) {
    String repository = ownRepositoriesHost == null ? "127.0.0.1:5000/busybox" : ownRepositoriesHost + "/bench/" + app;
    String image = ranged ? repository + ":${WEB_VERSION}" : "127.0.0.1:5000/busybox:2.0.0";
    return "version: \"3.8\"\n"
        + "services:\n"
        + "  web:\n"
        + "    image: " + image + "\n"
        + (secrets ? "    env_file:\n      - secrets.decrypted.env\n" : "")
        + "    environment:\n"
        + (ranged ? "      WEB_VERSION: \"~1.2.0\"\n" : "")
        + "      APP: \"${APPLICATION_NAME}\"\n"
        + "      CLUSTER: \"${PORTILLO_CLUSTER}\"\n"
        + "    stop_grace_period: 1s\n"
        + "    logging:\n      driver: json-file\n      options:\n        max-size: \"1m\"\n        max-file: \"2\"\n"
        + "    deploy:\n      replicas: 1\n"
        + "      restart_policy:\n        condition: on-failure\n        delay: 1s\n        max_attempts: 3\n"
        + "      resources:\n        limits:\n          cpus: \"0.20\"\n          memory: 32M\n"
        + "        reservations:\n          cpus: \"0.01\"\n          memory: 8M\n"
        + "      labels:\n"
        + "        traefik.frontend.rule: \"PathPrefix:/" + app + "/\"\n"
        + "        se.kth.slackChannels: \"#bench\"\n"
        + "        se.kth.publicName.english: \"" + app + "\"\n"
        + "        se.kth.publicName.swedish: \"" + app + "\"\n"
        + "        se.kth.description.english: \"bench app\"\n"
        + "        se.kth.description.swedish: \"bench app\"\n"
        + "        se.kth.importance: \"low\"\n"
        + "        se.kth.detectify.profileToken: \"none\"\n";
  }
}

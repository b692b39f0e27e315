package se.kth.aspen.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import se.kth.aspen.core.testenv.TestEnvironment;

/**
 * The real {@code ansible-vault}, run in a scratch directory that is also its HOME and temp
 * directory, so nothing outside the test's directory is touched. Fails loudly on a timeout.
 */
final class AnsibleVaultCli {

  record Result(int exitCode, byte[] stdout, String stderr) {

    Result requireSuccess(List<String> args) {
      if (exitCode != 0) {
        throw new AssertionError("ansible-vault " + args + " exited " + exitCode + ": " + stderr);
      }
      return this;
    }
  }

  private final Path executable = TestEnvironment.get().ansibleVault();
  private final Path workDir;

  AnsibleVaultCli(Path workDir) {
    this.workDir = workDir;
  }

  Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("HOME", workDir.toString());
    builder.environment().put("ANSIBLE_LOCAL_TEMP", workDir.resolve(".ansible-tmp").toString());
    builder.environment().put("ANSIBLE_CONFIG", workDir.resolve("no-ansible.cfg").toString());
    builder.environment().remove("ANSIBLE_VAULT_PASSWORD_FILE");
    builder.environment().remove("ANSIBLE_VAULT_IDENTITY_LIST");
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ansible-vault " + args + " did not finish within 120 s");
    }
    return new Result(process.exitValue(), stdout.join(), new String(stderr.join(), StandardCharsets.UTF_8));
  }

  Result succeed(List<String> args) throws IOException, InterruptedException {
    return run(args).requireSuccess(args);
  }

  Path passwordFile(String name, byte[] content) throws IOException {
    return Files.write(workDir.resolve(name), content);
  }

  private static byte[] readAll(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package se.kth.aspen.runner.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.kth.aspen.vault.AnsibleVault;
import se.kth.aspen.vault.VaultException;

/**
 * {@code aspen vault view|decrypt|encrypt FILE --password-file F}: ansible-vault compatible, so
 * secrets can be read and written without Python on the machine.
 */
@Command(name = "vault", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class, sortOptions = false,
    description = "Ansible Vault files, byte-compatible with ansible-vault (format 1.1 and 1.2, AES256).",
    subcommands = {VaultCommand.View.class, VaultCommand.Decrypt.class, VaultCommand.Encrypt.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:not a vault, wrong password, unreadable file", "2:usage"})
final class VaultCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say view, decrypt or encrypt");
  }

  /** What the three subcommands share. */
  abstract static class FileCommand implements Callable<Integer> {
    final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
    Path file;

    @Option(names = "--password-file", paramLabel = "F", required = true,
        description = "The vault password, read as ansible-vault reads a password file (surrounding whitespace stripped).")
    Path passwordFile;

    FileCommand(CliContext context) {
      this.context = context;
    }

    @Override
    public final Integer call() {
      try {
        byte[] password = AnsibleVault.readPasswordFile(context.workingDirectory().resolve(passwordFile));
        try {
          return work(new AnsibleVault(), context.workingDirectory().resolve(file), password);
        } finally {
          Arrays.fill(password, (byte) 0);
        }
      } catch (VaultException e) {
        context.err().println("aspen vault: " + e.getMessage());
        return ExitCodes.FAILED;
      } catch (IOException e) {
        context.err().println("aspen vault: " + describe(e));
        return ExitCodes.FAILED;
      }
    }

    abstract int work(AnsibleVault vault, Path path, byte[] password) throws VaultException, IOException;

    /** Writes to {@code output} ({@code -} for stdout), else replaces the file itself. */
    void write(Optional<String> output, Path file, byte[] content) throws IOException {
      if (output.isPresent() && output.get().equals("-")) {
        context.out().write(content);
        context.out().flush();
        return;
      }
      Path target = output.map(o -> context.workingDirectory().resolve(o)).orElse(file);
      replace(target, content);
    }
  }

  @Command(name = "view", mixinStandardHelpOptions = true, description = "Write the plaintext to stdout, byte for byte, adding nothing.")
  static final class View extends FileCommand {
    View(CliContext context) {
      super(context);
    }

    @Override
    int work(AnsibleVault vault, Path path, byte[] password) throws VaultException, IOException {
      byte[] plaintext = vault.decrypt(path, password);
      try {
        context.out().write(plaintext);
        context.out().flush();
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt the file in place, or to --output (- for stdout).")
  static final class Decrypt extends FileCommand {
    @Option(names = "--output", paramLabel = "F", description = "Where to write the plaintext; - for stdout.")
    Optional<String> output = Optional.empty();

    Decrypt(CliContext context) {
      super(context);
    }

    @Override
    int work(AnsibleVault vault, Path path, byte[] password) throws VaultException, IOException {
      byte[] plaintext = vault.decrypt(path, password);
      try {
        write(output, path, plaintext);
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt the file in place, or to --output (- for stdout).")
  static final class Encrypt extends FileCommand {
    @Option(names = "--output", paramLabel = "F", description = "Where to write the vault; - for stdout.")
    Optional<String> output = Optional.empty();

    @Option(names = "--vault-id", paramLabel = "LABEL",
        description = "Label the vault (format 1.2), as ansible-vault --vault-id LABEL@... does.")
    Optional<String> vaultId = Optional.empty();

    Encrypt(CliContext context) {
      super(context);
    }

    @Override
    int work(AnsibleVault vault, Path path, byte[] password) throws IOException {
      byte[] plaintext = Files.readAllBytes(path);
      try {
        if (AnsibleVault.isVault(plaintext)) {
          context.err().println("aspen vault: " + path + " is already a vault; nothing encrypted");
          return ExitCodes.FAILED;
        }
        // ansible-vault takes label@source; only the label matters here, the password comes from --password-file.
        String label = vaultId.map(v -> v.contains("@") ? v.substring(0, v.indexOf('@')) : v).orElse("default");
        byte[] encrypted;
        try {
          encrypted = vault.encrypt(plaintext, password, label);
        } catch (IllegalArgumentException e) {
          context.err().println("aspen vault: --vault-id: " + e.getMessage());
          return ExitCodes.USAGE;
        }
        write(output, path, encrypted);
        return ExitCodes.OK;
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** Replaces a file through a temporary sibling, keeping its permissions, so a crash never leaves half a file. */
  static void replace(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      if (Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
      }
      Files.write(temporary, content);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  static String describe(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException missing -> missing.getFile() + ": no such file";
      case java.nio.file.AccessDeniedException denied -> denied.getFile() + ": permission denied";
      default -> e.getMessage();
    };
  }
}

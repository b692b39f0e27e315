package se.kth.aspen.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.kth.aspen.runner.config.ConfigurationReader.Purpose;

/** Secret settings given as files, as Docker and Swarm secrets are mounted. */
class SecretFilesTest {

  @TempDir Path dir;

  private Map<String, String> minimal() throws IOException {
    return MinimalEnvironment.in(dir);
  }

  private Configuration read(Map<String, String> env) throws ConfigurationException {
    return ConfigurationReader.read(env, dir, Purpose.PASSES);
  }

  @Test
  void everySecretOfTheRunnerIsReadFromItsFile() throws Exception {
    Map<String, String> env = minimal();
    env.put("API_TOKEN_FILE", Files.writeString(dir.resolve("token"), "tok-from-file\n").toString());
    env.put("WEBHOOK_SECRET_FILE", Files.writeString(dir.resolve("hook"), "hook-from-file").toString());
    env.put("REDIS_URL_FILE", Files.writeString(dir.resolve("redis"), "redis://:pw@127.0.0.1:6390\r\n").toString());
    env.put("DOCKER_REGISTRY_URL", "https://registry.example.org");
    env.put("DOCKER_REGISTRY_USER", "deployer");
    env.put("DOCKER_REGISTRY_PWD_FILE", Files.writeString(dir.resolve("pwd"), " pass word \n").toString());
    env.put("AZURE_REGISTRY_URL", "https://kthregistry.azurecr.io/");
    env.put("AZURE_REGISTRY_USER", "azure-deployer");
    env.put("AZURE_REGISTRY_PWD_FILE", Files.writeString(dir.resolve("azure"), "azure-pwd\n").toString());

    Configuration c = read(env);

    assertThat(c.api().token().orElseThrow().text()).isEqualTo("tok-from-file");
    assertThat(c.api().webhookSecret().orElseThrow().text()).isEqualTo("hook-from-file");
    assertThat(c.redisUrl().orElseThrow().text()).isEqualTo("redis://:pw@127.0.0.1:6390");
    assertThat(c.registries().loginFor("registry.example.org").orElseThrow().password().text()).isEqualTo("pass word");
    assertThat(c.registries().loginFor("kthregistry.azurecr.io").orElseThrow().password().text()).isEqualTo("azure-pwd");
  }

  @Test
  void aRelativeFileIsReadFromTheWorkingDirectory() throws Exception {
    Files.writeString(dir.resolve("token"), "relative-token");
    Map<String, String> env = minimal();
    env.put("API_TOKEN_FILE", "token");

    assertThat(read(env).api().token().orElseThrow().text()).isEqualTo("relative-token");
  }

  @ParameterizedTest
  @EnumSource(value = Setting.class)
  void everySecretSettingAndOnlyASecretOneHasAFileForm(Setting setting) {
    assertThat(setting.fileName()).isEqualTo(setting.secret()
        ? java.util.Optional.of(setting.name() + "_FILE") : java.util.Optional.empty());
    assertThat(Setting.isName(setting.name())).isTrue();
    assertThat(Setting.isName(setting.name() + "_FILE")).isEqualTo(setting.secret());
  }

  @Test
  void givingASecretBothWaysIsAProblemThatShowsNeitherValue() throws Exception {
    Map<String, String> env = minimal();
    env.put("API_TOKEN", "direct-secret-value");
    env.put("API_TOKEN_FILE", Files.writeString(dir.resolve("token"), "file-secret-value").toString());

    assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("API_TOKEN and API_TOKEN_FILE are both set")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void aMissingOrEmptyFileIsNamedWithEveryOtherProblem() throws Exception {
    Map<String, String> env = minimal();
    env.put("WEBHOOK_SECRET_FILE", dir.resolve("no-such-file").toString());
    env.put("API_TOKEN_FILE", Files.writeString(dir.resolve("empty"), "\n").toString());
    env.put("PARALLELISM", "zero");

    assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("WEBHOOK_SECRET_FILE: " + dir.resolve("no-such-file") + " is not a readable file")
        .hasMessageContaining("API_TOKEN_FILE: " + dir.resolve("empty") + " is empty")
        .hasMessageContaining("PARALLELISM");
  }

  @Test
  void aSecretReadFromAFileNeverShowsInToString() throws Exception {
    Map<String, String> env = minimal();
    env.put("REDIS_URL_FILE", Files.writeString(dir.resolve("redis"), "redis://:redis-secret@127.0.0.1:6390").toString());
    env.put("API_TOKEN_FILE", Files.writeString(dir.resolve("token"), "token-secret").toString());

    assertThat(read(env).toString()).doesNotContain("secret");
  }
}

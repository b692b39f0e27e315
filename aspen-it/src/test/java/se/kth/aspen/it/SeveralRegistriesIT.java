package se.kth.aspen.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.PassReport;

/**
 * Three registries, each with its own login, chosen by the image's host: the shared registry
 * through {@code DOCKER_REGISTRY_*}, a second real registry (its own user, on another loopback
 * port) through a Docker {@code config.json} named by {@code DOCKER_CONFIG}, and an Azure
 * Container Registry (WireMock) through {@code AZURE_REGISTRY_*} and ACR's tag listing. The
 * second registry's app is deployed to the real swarm, so the engine must pull from it with
 * the login Aspen sends.
 */
class SeveralRegistriesIT extends Scenario {

  private static final String SECOND_USER = "second-" + "user";
  private final String secondPassword = "second-pw-" + suffix;
  private final String onPrimary = app("primary");
  private final String onSecond = app("second");
  private final String onAzure = app("azure");
  private OwnProcess second;
  private String secondImage;

  @AfterEach
  void stopSecondRegistry() {
    if (secondImage != null) {
      // The engine pulled under the second registry's name; the layers stay with the shared image.
      for (String ref : engine.docker("image", "ls", "--digests", "--format", "{{.Repository}}@{{.Digest}}", secondImage).lines().toList()) {
        try {
          engine.docker("image", "rm", ref);
        } catch (IllegalStateException e) {
          // a container of the removed stack may still hold it; the name is unique to this run
        }
      }
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void eachImageIsResolvedAndDeployedWithTheLoginOfItsOwnRegistry() throws Exception {
    second = OwnProcess.registryWithOwnUser(Files.createDirectories(dir.resolve("second")), SECOND_USER, secondPassword);
    String secondHost = "127.0.0.1:" + second.port();
    secondImage = secondHost + "/busybox";
    Path dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
    Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\": {\"" + secondHost + "\": {\"auth\": \""
        + Base64.getEncoder().encodeToString((SECOND_USER + ":" + secondPassword).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    String azureHost = "127.0.0.1:" + wire.port();
    wire.stubFor(get(urlPathEqualTo("/acr/v1/kth-azure-app/_tags")).withBasicAuth("azure-deployer", "azure-pw-" + suffix)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
            "{\"registry\":\"" + azureHost + "\",\"imageName\":\"kth-azure-app\",\"tags\":[{\"name\":\"1.2.0_aaa\"},"
                + "{\"name\":\"1.2.9_zzz\"},{\"name\":\"1.3.0_bbb\"}]}")));
    env.put("DOCKER_CONFIG", dockerConfig.toString());
    env.put("AZURE_REGISTRY_URL", "http://" + azureHost);
    env.put("AZURE_REGISTRY_USER", "azure-deployer");
    env.put("AZURE_REGISTRY_PWD", "azure-pw-" + suffix);

    writeStack(onPrimary, "active", StackFile.web());
    StackFile onSecondStack = StackFile.web();
    onSecondStack.service("web").image(secondImage + ":${WEB_VERSION}").range("~1.2.0");
    writeStack(onSecond, "active", onSecondStack);
    StackFile onAzureStack = StackFile.web();
    onAzureStack.service("web").image(azureHost + "/kth-azure-app:${WEB_VERSION}").range("~1.2.0");
    writeStack(onAzure, "active", onAzureStack);
    git.commitAndPush("apps on three registries");

    PassReport plan = aspen().plan();

    assertThat(result(plan, onPrimary, "active").status()).as(describe(plan)).isEqualTo(AppStatus.CHANGED);
    assertThat(result(plan, onSecond, "active").status()).as(describe(plan)).isEqualTo(AppStatus.CHANGED);
    assertThat(result(plan, onSecond, "active").images().get("web")).isEqualTo(secondImage + ":1.2.4_0a1b2c3");
    assertThat(result(plan, onAzure, "active").status()).as(describe(plan)).isEqualTo(AppStatus.CHANGED);
    assertThat(result(plan, onAzure, "active").images().get("web")).isEqualTo(azureHost + "/kth-azure-app:1.2.9_zzz");

    // WireMock serves no image, so the Azure app stays out of the deploying pass.
    env.put("EXCLUDED_APPS", onAzure);
    PassReport deploy = aspen().deployPass();

    assertThat(result(deploy, onPrimary, "active").status()).as(describe(deploy)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(result(deploy, onSecond, "active").status()).as(describe(deploy)).isEqualTo(AppStatus.DEPLOYED);
    assertThat(engine.serviceImage(onSecond + "_web")).startsWith(secondImage + ":1.2.4_0a1b2c3@sha256:");
    assertThat(engine.replicas(onSecond + "_web")).isEqualTo("1/1");
    assertThat(engine.docker("image", "ls", "--digests", "--format", "{{.Repository}} {{.Digest}}", secondImage))
        .as("the engine pulled from the second registry, which only its own login opens").contains(secondImage + " sha256:");
  }
}

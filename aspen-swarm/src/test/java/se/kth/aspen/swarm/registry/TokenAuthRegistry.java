package se.kth.aspen.swarm.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * WireMock stubs shaped like a registry behind a token server (Docker Hub, distribution with
 * {@code auth: token}): a 401 carrying the bearer challenge, and a token endpoint answering
 * {@code token}, {@code access_token}, {@code expires_in} and {@code issued_at}.
 */
final class TokenAuthRegistry {

  static final String SERVICE = "registry.test";

  private TokenAuthRegistry() {}

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Any request under {@code /v2/<repository>/} without the token gets the challenge. */
  static void challenges(WireMockExtension registry, String repository, String realm) {
    registry.stubFor(any(urlPathMatching("/v2/" + repository + "/.*"))
        .atPriority(10)
        .willReturn(aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withHeader("Docker-Distribution-Api-Version", "registry/2.0")
            .withHeader("Www-Authenticate", "Bearer realm=\"" + realm + "\",service=\"" + SERVICE
                + "\",scope=\"repository:" + repository + ":pull\"")
            .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\","
                + "\"detail\":[{\"Type\":\"repository\",\"Class\":\"\",\"Name\":\"" + repository
                + "\",\"Action\":\"pull\"}]}]}")));
  }

  /** The token endpoint handing out {@code token} for the repository's pull scope. */
  static void issues(
      WireMockExtension server, String repository, String token, long expiresIn, String issuedAt, String date) {
    server.stubFor(get(urlPathEqualTo("/token"))
        .withQueryParam("service", equalTo(SERVICE))
        .withQueryParam("scope", equalTo("repository:" + repository + ":pull"))
        .willReturn(tokenAnswer(token, expiresIn, issuedAt, date)));
  }

  static ResponseDefinitionBuilder tokenAnswer(String token, long expiresIn, String issuedAt, String date) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("Date", date)
        .withBody("{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn
            + ",\"issued_at\":\"" + issuedAt + "\"}");
  }

  /** The tag list, only for requests carrying the token. */
  static void lists(WireMockExtension registry, String repository, String token, String tagsJson) {
    registry.stubFor(get(urlPathEqualTo("/v2/" + repository + "/tags/list"))
        .atPriority(1)
        .withHeader("Authorization", equalTo("Bearer " + token))
        .willReturn(aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withHeader("Docker-Distribution-Api-Version", "registry/2.0")
            .withBody("{\"name\":\"" + repository + "\",\"tags\":" + tagsJson + "}")));
  }
}

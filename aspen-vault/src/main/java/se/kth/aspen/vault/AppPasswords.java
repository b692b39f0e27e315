package se.kth.aspen.vault;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decrypted passwords file (aspen-vault/README.md): application names to passwords, either at the
 * top level ({@code app1: pwd1}) or under {@code passwords:}. When the top-level key {@code
 * passwords} holds a mapping, that mapping is the list; otherwise the top level is.
 *
 * <p>A password is the scalar's text exactly as written, so {@code app: 0123}, {@code app: 1.50}
 * and {@code app: yes} give the passwords {@code 0123}, {@code 1.50} and {@code yes}, not what a
 * YAML type resolver would make of them (83, 1.5, true). The text is UTF-8 encoded and then
 * trimmed like a password file, because the old tool handed these passwords to ansible-vault as
 * password files. An empty or null value, or a list or mapping, gives the application no
 * password; the reason is kept to explain a refusal.
 */
final class AppPasswords {

  private static final YAMLFactory YAML = new YAMLFactory();

  /** A password, or why the application has none. */
  record Lookup(Optional<byte[]> password, String problem) {}

  private final Map<String, Lookup> entries;

  private AppPasswords(Map<String, Lookup> entries) {
    this.entries = entries;
  }

  static AppPasswords parse(byte[] plaintext, String source) throws MalformedVaultException {
    try (JsonParser parser = YAML.createParser(plaintext)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new AppPasswords(Map.of());
      }
      if (first != JsonToken.START_OBJECT) {
        throw notAMapping(source);
      }
      Map<String, Lookup> topLevel = new HashMap<>();
      Map<String, Lookup> nested = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("passwords") && value == JsonToken.START_OBJECT) {
          nested = readMapping(parser);
        } else {
          topLevel.put(name, readValue(parser, value));
        }
      }
      return new AppPasswords(nested != null ? nested : topLevel);
    } catch (JsonProcessingException e) {
      throw new MalformedVaultException(source + " does not hold valid YAML (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new MalformedVaultException(source + " could not be read as YAML: " + e.getClass().getSimpleName());
    }
  }

  private static Map<String, Lookup> readMapping(JsonParser parser) throws IOException {
    Map<String, Lookup> entries = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      entries.put(name, readValue(parser, parser.nextToken()));
    }
    return entries;
  }

  private static Lookup readValue(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return new Lookup(Optional.empty(), "its entry is a list or mapping, not a password");
    }
    if (value == JsonToken.VALUE_NULL) {
      return new Lookup(Optional.empty(), "its entry is empty");
    }
    byte[] password = PasswordFile.trim(parser.getText().getBytes(StandardCharsets.UTF_8));
    if (password.length == 0) {
      return new Lookup(Optional.empty(), "its entry is empty");
    }
    return new Lookup(Optional.of(password), "");
  }

  private static MalformedVaultException notAMapping(String source) {
    return new MalformedVaultException(source + " does not hold a YAML mapping of application names to passwords");
  }

  Lookup lookup(String application) {
    return entries.getOrDefault(application, new Lookup(Optional.empty(), "it has no entry"));
  }

  int size() {
    return entries.size();
  }
}

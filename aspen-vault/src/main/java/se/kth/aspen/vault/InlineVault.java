package se.kth.aspen.vault;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Inline vault values ({@code name: !vault |} followed by an indented envelope), as written by
 * {@code ansible-vault encrypt_string}. The block scalar, de-indented, is an ordinary envelope.
 */
final class InlineVault {

  private static final YAMLFactory YAML = new YAMLFactory();

  private InlineVault() {}

  /** The envelope with each line's leading spaces and tabs removed (YAML block indentation). */
  static byte[] deindent(String envelope) {
    StringBuilder out = new StringBuilder(envelope.length());
    for (String line : envelope.split("\n", -1)) {
      int from = 0;
      while (from < line.length() && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
        from++;
      }
      out.append(line, from, line.length()).append('\n');
    }
    // Non-ASCII stays non-ASCII here so the envelope reader can refuse it as ansible-vault does.
    return out.toString().strip().getBytes(StandardCharsets.UTF_8);
  }

  static SequencedMap<String, byte[]> decryptValues(AnsibleVault vault, byte[] yaml, byte[] password, String source)
      throws VaultException {
    LinkedHashMap<String, byte[]> values = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedVaultException(source + " is not a YAML mapping");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isScalarValue() && "vault".equals(parser.getTypeId())) {
          values.put(name, vault.decrypt(
              deindent(parser.getText()), password, source + " value '" + name + "'"));
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new MalformedVaultException(source + " is not valid YAML (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw new MalformedVaultException(source + " could not be read as YAML: " + e.getClass().getSimpleName());
    }
    return Collections.unmodifiableSequencedMap(values);
  }
}

package se.kth.aspen.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One public entry type and its settings; their public signatures speak JDK and aspen-core only. */
class PublicSurfaceTest {

  @Test
  void onlyTheSourceAndItsSettingsArePublic() throws Exception {
    Path classes = Path.of(GitRegistrySource.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("se/kth/aspen/git");
    List<String> publicTypes = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        if (name.equals("package-info")) {
          continue;
        }
        Class<?> type = Class.forName("se.kth.aspen.git." + name);
        if (Modifier.isPublic(type.getModifiers())) {
          publicTypes.add(type.getSimpleName());
        }
      }
    }
    assertThat(publicTypes).containsExactlyInAnyOrder("GitRegistrySource", "GitRegistrySettings");
  }

  @Test
  void publicSignaturesNameOnlyJdkAndCoreTypes() {
    List<String> foreign = new ArrayList<>();
    for (Class<?> type : List.of(GitRegistrySource.class, GitRegistrySettings.class)) {
      List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
      members.addAll(List.of(type.getMethods()));
      for (Executable member : members) {
        if (!Modifier.isPublic(member.getModifiers()) || member.getDeclaringClass() != type) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
        if (member instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        types.addAll(List.of(member.getGenericExceptionTypes()));
        for (Type used : types) {
          collectForeign(used, type.getSimpleName() + "." + member.getName(), foreign);
        }
      }
    }
    assertThat(foreign).isEmpty();
  }

  private static void collectForeign(Type used, String where, List<String> foreign) {
    if (used instanceof ParameterizedType parameterized) {
      collectForeign(parameterized.getRawType(), where, foreign);
      for (Type argument : parameterized.getActualTypeArguments()) {
        collectForeign(argument, where, foreign);
      }
    } else if (used instanceof Class<?> type) {
      String name = type.isArray() ? type.getComponentType().getName() : type.getName();
      boolean allowed =
          type.isPrimitive()
              || name.startsWith("java.")
              || name.startsWith("se.kth.aspen.core.")
              || name.startsWith("se.kth.aspen.git.Git")
              || (type.isArray() && type.getComponentType().isPrimitive());
      if (!allowed) {
        foreign.add(where + " uses " + name);
      }
    }
  }
}

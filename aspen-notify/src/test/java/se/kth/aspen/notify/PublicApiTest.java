package se.kth.aspen.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE 1 and 2: few public types, and they speak JDK and aspen-core types only. */
class PublicApiTest {

  @Test
  void onlyTheNotifiersAndTheBuilderArePublic() throws Exception {
    assertThat(publicTypes()).containsExactlyInAnyOrder(HttpNotifier.class, HttpNotifier.Builder.class, LogNotifier.class);
  }

  @Test
  void publicSignaturesNameNoLibraryType() throws Exception {
    List<String> offending = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
      members.addAll(List.of(type.getMethods()));
      for (Executable member : members) {
        List<Class<?>> used = new ArrayList<>(List.of(member.getParameterTypes()));
        if (member instanceof Method method) {
          used.add(method.getReturnType());
        }
        used.addAll(List.of(member.getExceptionTypes()));
        for (Class<?> t : used) {
          Class<?> c = t.isArray() ? t.getComponentType() : t;
          String name = c.getName();
          if (!c.isPrimitive() && !name.startsWith("java.") && !name.startsWith("se.kth.aspen.")) {
            offending.add(type.getSimpleName() + "." + member.getName() + " uses " + name);
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(HttpNotifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve(HttpNotifier.class.getPackageName().replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "").replace('$', '.');
        if (simple.equals("package-info")) {
          continue;
        }
        String binary = HttpNotifier.class.getPackageName() + "." + file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName(binary, false, PublicApiTest.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers()) && isReachable(type)) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static boolean isReachable(Class<?> type) {
    for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}

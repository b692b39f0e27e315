package se.kth.aspen.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public surface of an adapter package, for the tests that pin STYLE.md's rules 1 and 2: few
 * public types, and public signatures that speak JDK and aspen-core types only.
 */
public final class PublicSurface {

  private PublicSurface() {}

  /** The public types (nested ones included when every enclosing type is public) of {@code anchor}'s package. */
  public static List<Class<?>> publicTypes(Class<?> anchor) {
    String pkg = anchor.getPackageName();
    Path dir;
    try {
      dir = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
          .resolve(pkg.replace('.', '/'));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + pkg, e);
    }
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        if (name.equals("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(pkg + "." + name, false, anchor.getClassLoader());
        if (reachable(type)) {
          types.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot load a class of " + pkg, e);
    }
    return types;
  }

  /**
   * Every use of a type from outside the JDK, aspen-core and the {@code allowedPrefixes} in the
   * public constructors' and methods' parameters, return types (with their type arguments) and
   * exceptions, as {@code "Type.member uses some.library.Type"}.
   */
  public static List<String> foreignTypesInSignatures(Collection<Class<?>> types, String... allowedPrefixes) {
    List<String> foreign = new ArrayList<>();
    for (Class<?> type : types) {
      List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
      members.addAll(List.of(type.getMethods()));
      for (Executable member : members) {
        List<Type> used = new ArrayList<>(List.of(member.getGenericParameterTypes()));
        if (member instanceof Method method) {
          used.add(method.getGenericReturnType());
        }
        used.addAll(List.of(member.getGenericExceptionTypes()));
        String where = type.getSimpleName() + "." + member.getName();
        for (Type t : used) {
          collectForeign(t, where, allowedPrefixes, foreign);
        }
      }
    }
    return foreign;
  }

  private static void collectForeign(Type used, String where, String[] allowed, List<String> foreign) {
    switch (used) {
      case ParameterizedType parameterized -> {
        collectForeign(parameterized.getRawType(), where, allowed, foreign);
        for (Type argument : parameterized.getActualTypeArguments()) {
          collectForeign(argument, where, allowed, foreign);
        }
      }
      case WildcardType wildcard -> {
        for (Type bound : wildcard.getUpperBounds()) {
          collectForeign(bound, where, allowed, foreign);
        }
      }
      case Class<?> type when type.isArray() -> collectForeign(type.getComponentType(), where, allowed, foreign);
      case Class<?> type -> {
        String name = type.getName();
        boolean ok = type.isPrimitive() || name.startsWith("java.") || name.startsWith("se.kth.aspen.core.");
        for (String prefix : allowed) {
          ok |= name.startsWith(prefix);
        }
        if (!ok) {
          foreign.add(where + " uses " + name);
        }
      }
      default -> { } // type variables: their bounds are declared on the type itself
    }
  }

  private static boolean reachable(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}

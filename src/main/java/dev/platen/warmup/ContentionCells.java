package dev.platen.warmup;

/**
 * Initializes the two classes whose instances the JDK's striped counters create only when threads collide on them
 * ({@code ConcurrentHashMap$CounterCell}, {@code Striped64$Cell} behind {@code LongAdder}), at the start of the
 * process, before anything could collide.
 *
 * <p>Why (D76): a method the ahead-of-time cache saw compiled by C2 in the training run waits at tier 2 until every
 * class that training compile looked at is initialized in this process (JDK 25,
 * {@code CompilationPolicy::trained_transition_from_limited_profile}); its counters alone move it on only after
 * some 250 times the usual count. Threads collided in the training run, so its compiles of
 * {@code ConcurrentHashMap.putVal}, {@code computeIfAbsent}, {@code LongAdder.add}, Micrometer's timers, Jetty's
 * statistics, PDFBox's stream {@code close()} and whatever inlined them recorded these two classes. A served
 * process that happened not to collide during its warm-up kept all of those at tier 2 until the first real
 * traffic collided, and then compiled them in the first renders after {@code /ready}, or later, as chance had it.
 * Initialized here, in the training run too, they are a dependency every process has met before its first compile.
 */
public final class ContentionCells {
  static final String[] CLASSES = {
      "java.util.concurrent.ConcurrentHashMap$CounterCell",
      "java.util.concurrent.atomic.Striped64$Cell",
  };

  private ContentionCells() {}

  /** Initializes {@link #CLASSES}; a JDK without one of them is left as it is. */
  public static void initialize() {
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, ClassLoader.getPlatformClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // another JDK's internals: nothing waits on a class it does not have
      }
    }
  }
}

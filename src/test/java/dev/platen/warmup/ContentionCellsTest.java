package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The striped counters' cell classes the start initializes (D76). */
class ContentionCellsTest {
  @Test
  void theJdkPlatenRunsOnHasBothCellClassesUnderTheseNames() throws ClassNotFoundException {
    // initialize() passes over a name the JDK lacks, so a renamed class would silently bring the tier-2 wait back
    for (String name : ContentionCells.CLASSES) {
      Class<?> cell = Class.forName(name, false, ClassLoader.getPlatformClassLoader());
      assertThat(cell.getName()).isEqualTo(name);
      assertThat(cell.getModule().getName()).isEqualTo("java.base");
    }
  }
}

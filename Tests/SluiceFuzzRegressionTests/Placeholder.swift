import Testing  // regression tests for fuzz findings live beside this file

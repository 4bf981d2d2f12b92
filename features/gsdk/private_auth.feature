@gsdk
Feature: Private authentication
  With private authentication on, each user's own modes decide how that user authenticates.
  A user's own mode "the device modes" (0xFF) falls back to the modes the terminal allows;
  "not allowed" (0xFE) refuses that credential for the user.

  Background:
    Given a test user holding every credential the terminal reads
    And the terminal authenticates by fingerprint alone

  @lab_smoke
  Scenario: The user's own mode lets a card in where the terminal's modes do not
    Given the test user's own mode for a card is "card only"
    And private authentication is on
    When the test user presents the card
    Then the terminal logs "verify success" with sub-code 0x06 for the test user

  Scenario: The same user and card are refused while private authentication is off
    Given the test user's own mode for a card is "card only"
    And private authentication is off
    When the test user presents the card
    Then the terminal logs "authentication failure" with sub-code 0x01 for the test user

  Scenario: "The device modes" falls back to what the terminal allows
    Given the test user's own mode for a fingerprint is "the device modes"
    And private authentication is on
    When the test user presents the fingerprint
    Then the terminal logs "identify success" with sub-code 0x01 for the test user

  Scenario: "The device modes" refuses what the terminal does not allow
    Given the test user's own mode for a card is "the device modes"
    And private authentication is on
    When the test user presents the card
    Then the terminal logs "authentication failure" with sub-code 0x01 for the test user

  @lab_smoke
  Scenario: "Not allowed" refuses that credential even though the terminal allows it
    Given the test user's own mode for a fingerprint is "not allowed"
    And private authentication is on
    When the test user presents the fingerprint
    Then the terminal logs "authentication failure" with sub-code 0x01 for the test user

  Scenario: A user's own mode stricter than the terminal's is enforced, not added to it
    Given the terminal allows only "card only"
    And the test user's own mode for a card is "card + PIN"
    And private authentication is on
    When the test user presents the card and nothing more
    And the auth timeout passes
    Then the terminal logs "authentication failure" with sub-code 0x03 for the test user, where own_mode=added would log "verify success" with sub-code 0x06

  Scenario: The own mode for a typed user ID is a setting of its own
    Given the test user's own mode for a card is "not allowed"
    And the test user's own mode for a user ID is "ID + PIN"
    And private authentication is on
    When the test user presents the user ID, then the PIN
    Then the terminal logs "verify success" with sub-code 0x01 for the test user

  @needs_face @needs_extended_auth
  Scenario: The own mode for a face is a setting of its own
    Given the test user's own mode for a fingerprint is "not allowed"
    And the test user's own mode for a face is "face only"
    And private authentication is on
    When the test user presents the face
    Then the terminal logs "identify success" with sub-code 0x03 for the test user

@gsdk @needs_card
Feature: Realtime events
  With monitoring enabled, the gateway streams a terminal's events as they happen. A stream can
  be narrowed to some terminals and some event codes; when monitoring is disabled, nothing more
  arrives from that terminal.

  Background:
    Given a test user holding every credential the terminal reads
    And the terminal allows only "card only"
    And monitoring of the terminal is enabled

  @lab_smoke
  Scenario: An authentication arrives on the stream within seconds
    Given a stream of the terminal's events
    When the test user presents the card
    Then the stream delivers "verify success" with sub-code 0x06 for the test user from the terminal within 2 seconds

  Scenario: A stream narrowed to an event code leaves out the other events
    Given a stream of the terminal's "verify failure" events
    When the test user presents the card
    And the test user presents an unregistered card
    Then the first event on the stream is "verify failure" with sub-code 0x02 for nobody

  @two_terminals
  Scenario: A stream narrowed to another terminal gets nothing from this one
    Given another terminal is connected and monitored
    And a stream of the other terminal's events
    When the test user presents the card
    And something happens on the other terminal
    Then the first event on the stream comes from the other terminal

  Scenario: After monitoring is disabled nothing more arrives
    Given a stream of the terminal's events
    When monitoring of the terminal is disabled
    And the test user presents the card
    And monitoring of the terminal is enabled
    And the test user presents an unregistered card
    Then the first event on the stream is "verify failure" with sub-code 0x02 for nobody
    And the terminal's log holds the "verify success" of the test user that the stream left out

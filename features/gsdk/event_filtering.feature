@gsdk @needs_card
Feature: Finding events in a terminal's log
  The terminal keeps a log of what happened on it. QA finds a user's events by user, by event
  code, by both, by time, and reads long results page by page. Each result is compared with
  what the scenario itself caused, as the terminal reported it live. One history serves several
  filters: a person at the bench presents the cards once for all of them.

  Background:
    Given the terminal allows only "card only"
    And the terminal's log already holds events of other users
    And a test user holding every credential the terminal reads
    And the test user has presented the card twice and an unregistered card once

  @lab_smoke
  Scenario: Filters by user ID, by event code, by both and by time find exactly the scenario's events
    When the log is filtered by the test user's ID from the scenario's start
    Then the result is exactly the test user's events the scenario caused, in order
    When the log is filtered by the event "verify success" from the scenario's start
    Then the result is exactly the scenario's "verify success" events, in order
    When the log is filtered by the test user's ID and the event "verify success" from the scenario's start
    Then the result is the test user's 2 "verify success" events, in order
    When the log is filtered by the time range of the scenario's events
    Then the result is exactly the log's events in that time range, in order
    And the result holds every event the scenario caused

  Scenario: Read the scenario's events in pages of 1, 2 and 5
    When the log is read from the scenario's start in pages of 1 event
    Then the pages together are exactly the log read in one go, in order, with no gaps or repeats
    When the log is read from the scenario's start in pages of 2 events
    Then the pages together are exactly the log read in one go, in order, with no gaps or repeats
    When the log is read from the scenario's start in pages of 5 events
    Then the pages together are exactly the log read in one go, in order, with no gaps or repeats

  Scenario: A read that starts at the ID of an event includes that event
    When the log is filtered by the test user's ID from the ID of the test user's first "verify success"
    Then the result begins with that event
    When the log is read from the ID of the test user's first "verify success"
    Then the result begins with that event

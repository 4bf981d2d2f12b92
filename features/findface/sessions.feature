@findface @password_login
Feature: FindFace Multi sessions and the device blocklist
  Every login opens a session under the device uuid the client sent. A scenario finds its
  sessions by its own uuids (the uuid_in filter, every page of the list) and closes or blocks only
  those, so other clients of the same account and other runs at the same time are never touched.
  Who may see and close which sessions is as documented: an administrator every session, a user
  with the all_own_sessions permission all of their own, anyone else only the current one. The
  accounts of those roles come from environment variables (README, "FindFace Multi"); a scenario
  tags the role accounts it uses (admin_account, all_own_sessions_account,
  current_session_account), so that one whose account is not set is found not applicable before
  anyone logs in. Each role account's login answer must list the permissions of its role: an
  account that does not is named as an error of the lab's accounts, not of the server.

  Scenario: A session is found by its device uuid, read by its ID, and deleted
    Given the API user is logged in from a new device
    When the new device looks up the new device's session by its uuid
    Then exactly one session is found, with that device's uuid and user
    And reading that session by its ID gives the same session
    When the new device deletes that session
    Then the server answers 204
    And the new device's token is refused with 401

  @all_own_sessions_account
  Scenario: The session list filters by device uuid, read one page at a time
    Given a user who may see all their own sessions is logged in from three devices
    When the first device lists the three devices' sessions one per page
    Then each of the three devices' sessions is listed exactly once, and no other session

  @admin_account
  Scenario: An administrator sees and closes another user's session
    Given the API user is logged in from a new device
    And an administrator is logged in
    When the administrator looks up the new device's session by its uuid
    Then exactly one session is found, with that device's uuid and user
    When the administrator deletes that session
    Then the server answers 204
    And the new device's token is refused with 401
    And the administrator's token still works

  @all_own_sessions_account
  Scenario: A user with all_own_sessions sees and closes their other session
    Given a user who may see all their own sessions is logged in from two devices
    When the second device looks up the first device's session by its uuid
    Then exactly one session is found, with that device's uuid and user
    When the second device deletes that session
    Then the server answers 204
    And the first device's token is refused with 401
    And the second device's token still works

  @current_session_account
  Scenario: A user without all_own_sessions sees and closes only the current session
    Given a user who may see only the current session is logged in from two devices
    When the second device lists the two devices' sessions
    Then only the second device's session is listed
    When the first device looks up the first device's session by its uuid
    And the second device deletes that session
    Then the deletion is refused
    And the first device's token still works

  @admin_account
  Scenario: Blocking a device logs its user out there
    Given the API user is logged in from a new device
    And an administrator is logged in
    When the administrator blocks the new device's uuid
    Then the server answers 201
    And the new device is logged out
    And the administrator's token still works

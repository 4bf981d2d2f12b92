"""What the morning report shows beyond pass or fail: the G-SDK calls a scenario made, the
terminal's log around it, the terminals and the run's environment, and the labels that group
results by terminal and cause. Plain data and text here; fixtures/report.py puts it into Allure.
"""

// A graded attempt's answers (a quiz attempt's or a spaced review's): with the key revealed, every
// option and the explanation; without it, only what was chosen, why it is wrong, and the lesson to
// read again (quizResult in app/quiz/present.server.ts decides, decision 008).
import { useTranslation } from "react-i18next";
import { SourceTitle } from "~/components/source-title.tsx";
import type { quizResult } from "~/quiz/present.server.ts";

export function AnswerList({
  questions,
}: {
  questions: ReturnType<typeof quizResult>;
}) {
  const { t } = useTranslation();
  return (
    <ol className="answers">
      {questions.map((question) => (
        <li
          key={question.id}
          className={
            question.right ? "answer answer--right" : "answer answer--wrong"
          }
        >
          {question.situation ? <p>{question.situation}</p> : null}
          <h2 className="answer__prompt">{question.prompt}</h2>
          <p className="answer__verdict">
            {question.right ? t("quiz.right") : t("quiz.wrong")}
          </p>
          {question.revealed ? (
            <>
              <ul className="answer__options">
                {question.options.map((option) => (
                  <li
                    key={option.id}
                    className={
                      option.correct ? "option option--correct" : "option"
                    }
                  >
                    <span>{option.text}</span>{" "}
                    {option.chosen ? (
                      <strong className="option__tag">
                        {t("quiz.yourAnswer")}
                      </strong>
                    ) : null}{" "}
                    {option.correct ? (
                      <strong className="option__tag">
                        {t("quiz.correctAnswer")}
                      </strong>
                    ) : null}
                    {option.feedback && (option.chosen || option.correct) ? (
                      <p className="option__feedback">{option.feedback}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
              <p>
                <strong>{t("quiz.why")}</strong> {question.explanation}
              </p>
              {question.source ? (
                <p className="small">
                  {t("quiz.source")}: <SourceTitle source={question.source} />
                </p>
              ) : null}
            </>
          ) : (
            <>
              <ul className="answer__options">
                {question.wrongChosen.map((option) => (
                  <li key={option.id} className="option">
                    <span>{option.text}</span>{" "}
                    <strong className="option__tag">
                      {t("quiz.yourAnswer")}
                    </strong>
                    <p className="option__feedback">
                      {option.feedback ?? t("assessment.result.notThisOne")}
                    </p>
                  </li>
                ))}
              </ul>
              {question.missedSome ? (
                <p>{t("assessment.result.missedSome")}</p>
              ) : null}
            </>
          )}
          {question.review ? (
            <p>
              {t("assessment.result.readAgain")}{" "}
              <a href={question.review.href}>{question.review.title}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
